using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Config.Tests.Support;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Config.Tests;

/// <summary>A service reads its configuration from a real config server over a real Git repository.</summary>
public sealed class PrecedenceTests
{
    [Fact]
    public async Task Server_overrides_appsettings_and_the_environment_and_command_line_override_the_server()
    {
        using var repo = new GitRepo();
        var envKey = "PrecedenceTest" + Guid.NewGuid().ToString("N")[..8];
        repo.Write("application.yml", "shared: from-application-yml\n")
            .Write("orders.yml", $"greeting: from-server\nfromJson: from-server\n{envKey}: from-server\nfromCli: from-server\n")
            .Write("orders-dev.yml", "greeting: from-server-dev\n")
            .Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """{ "fromJson": "from-json", "localOnly": "local", "greeting": "from-json" }""", TestContext.Current.CancellationToken);
        Environment.SetEnvironmentVariable(envKey, "from-env");
        try
        {
            await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={server.BaseAddress}", "--fromCli=from-cli", $"--Stratus:Config:Cache:Path={root}/cache"], root);
            var config = app.Configuration;
            Assert.Equal("from-server-dev", config["greeting"]);
            Assert.Equal("from-server", config["fromJson"]);
            Assert.Equal("local", config["localOnly"]);
            Assert.Equal("from-application-yml", config["shared"]);
            Assert.Equal("from-env", config[envKey]);
            Assert.Equal("from-cli", config["fromCli"]);
            Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), config["config:client:version"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(envKey, null);
        }
    }

    [Fact]
    public async Task Spring_names_choose_the_server_application_and_profile_and_dotted_keys_bind_to_options()
    {
        using var repo = new GitRepo();
        repo.Write("billing.yml", "billing:\n  currency: EUR\n  retry:\n    max: 4\n  hosts:\n    - a.example\n    - b.example\n")
            .Write("billing-eu.properties", "billing.currency=CHF\n")
            .Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync(
            [$"--spring.cloud.config.uri={server.BaseAddress}", "--spring.application.name=billing", "--spring.profiles.active=eu", $"--Stratus:Config:Cache:Path={root}"],
            root,
            b => b.Services.Configure<BillingOptions>(b.Configuration.GetSection("billing")));

        var billing = app.App.Services.GetRequiredService<IOptions<BillingOptions>>().Value;
        Assert.Equal("CHF", billing.Currency);
        Assert.Equal(4, billing.Retry.Max);
        Assert.Equal(["a.example", "b.example"], billing.Hosts);
    }

    [Fact]
    public async Task Name_and_profile_default_to_the_host_application_and_lower_case_environment()
    {
        using var repo = new GitRepo();
        repo.Write("orders-staging.yml", "greeting: staging\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={server.BaseAddress}", $"--Stratus:Config:Cache:Path={root}"], root, environment: "Staging");
        Assert.Equal("staging", app.Configuration["greeting"]);
    }

    [Fact]
    public async Task A_second_uri_answers_when_the_first_does_not()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: hello\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var uris = $"{ScriptedServer.ClosedPortUrl()},{server.BaseAddress}";
        await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={uris}", "--Stratus:Config:FailFast=true", $"--Stratus:Config:Cache:Path={root}"], root);
        Assert.Equal("hello", app.Configuration["greeting"]);
    }

    [Fact]
    public async Task Credentials_in_the_uri_authenticate_and_never_reach_the_logs()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: secret-world\n").Commit();
        await using var server = await ConfigServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:ConfigServer:Git:Uri"] = repo.Uri,
            ["Stratus:ConfigServer:Security:Username"] = "config",
            ["Stratus:ConfigServer:Security:Password"] = "s3cr3t-pw",
        });
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var withCredentials = $"http://config:s3cr3t-pw@{server.BaseAddress.Authority}/";
        await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={withCredentials}", $"--Stratus:Config:Cache:Path={root}"], root);
        Assert.Equal("secret-world", app.Configuration["greeting"]);

        var wrong = $"http://config:wrong-pw@{server.BaseAddress.Authority}/";
        await using var refused = await ClientApp.StartAsync([$"--Stratus:Config:Uri={wrong}", $"--Stratus:Config:Cache:Path={root}/other"], root);
        Assert.Null(refused.Configuration["greeting"]);
        Assert.Contains("401", refused.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", refused.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", app.Logs.All, StringComparison.Ordinal);
    }

    public sealed class BillingOptions
    {
        public string? Currency { get; set; }

        public RetrySettings Retry { get; set; } = new();

        public List<string> Hosts { get; set; } = [];
    }

    public sealed class RetrySettings
    {
        public int Max { get; set; }
    }
}
