using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LibGit2Sharp;
using Stratus.IntegrationTests.Discovery;

namespace Stratus.IntegrationTests.Cli;

/// <summary><c>stratus dev</c>: every part in one real process, reached on the wire.</summary>
public sealed class DevRoleTests(DevRoleTests.Running dev) : IClassFixture<DevRoleTests.Running>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One <c>stratus dev</c> for the tests that only read from it, started with the defaults but the ports.</summary>
    public sealed class Running : IAsyncLifetime
    {
        public DevProcess Dev { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var folder = DevProcess.NewFolder();
            await File.WriteAllTextAsync(Path.Combine(folder, "config-repo", "application.yml"), "greeting: hello from the repo\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "config-repo", "dev-probe.yml"), "InstanceName: named-by-dev-config\n");
            Dev = await DevProcess.StartAsync(folder);
        }

        public async ValueTask DisposeAsync() => await Dev.DisposeAsync();
    }

    [Fact]
    public async Task Every_part_answers_health_and_is_announced_with_its_url()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var part in dev.Dev.Parts)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(part, "actuator/health"), Ct)).StatusCode);
        }

        var stdout = dev.Dev.Process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(stdout, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        foreach (var (name, url) in new[] { ("registry", dev.Dev.Registry), ("config-server", dev.Dev.ConfigServer), ("gateway", dev.Dev.Gateway), ("auth-server", dev.Dev.AuthServer) })
        {
            var address = url.ToString().TrimEnd('/');
            Assert.Contains($"stratus {name} listening on {address}", dev.Dev.Process.Stdout, StringComparison.Ordinal);
            Assert.Matches($@"(?m)^  {name} +{address.Replace(".", @"\.", StringComparison.Ordinal)} ", dev.Dev.Process.Stderr);
        }

        Assert.Contains("demo-client:demo-secret", dev.Dev.Process.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dev.Dev.Folder, ".stratus", "stratus-auth.db")), "the auth server's SQLite file is under ./.stratus/");
    }

    [Fact]
    public async Task A_file_in_the_config_repo_folder_is_served()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var environment = JsonDocument.Parse(await client.GetStringAsync(new Uri(dev.Dev.ConfigServer, "some-app/default"), Ct)).RootElement;

        var source = Assert.Single(environment.GetProperty("propertySources").EnumerateArray());
        Assert.Equal("hello from the repo", source.GetProperty("source").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task A_service_registers_with_the_dev_registry_and_is_reached_through_the_gateway_locator_route()
    {
        var port = StratusProcess.FreePort();
        await using var service = StratusProcess.StartDll("Stratus.TestService.dll",
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--spring:application:name=dev-probe",
            $"--Stratus:Discovery:ServiceUrl={dev.Dev.Registry}eureka/",
            "--Stratus:Discovery:AppName=dev-probe",
            "--Stratus:Discovery:LeaseRenewalInterval=00:00:01",
            $"--Stratus:Config:Uri={dev.Dev.ConfigServer}",
            "--Stratus:Config:FailFast=true",
        ]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string? answer = null;

        // The name comes from config-repo/dev-probe.yml through the dev config server; the route from the locator.
        await ServiceFleet.WaitUntilAsync(async () =>
        {
            Assert.False(service.HasExited, $"the test service exited: {service.Stdout}{service.Stderr}");
            try
            {
                using var response = await client.GetAsync(new Uri(dev.Dev.Gateway, "dev-probe/whoami"), Ct);
                answer = await response.Content.ReadAsStringAsync(Ct);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "the gateway to route /dev-probe/whoami to the test service");

        Assert.Equal("named-by-dev-config", answer);
    }

    [Fact]
    public async Task The_demo_client_gets_a_token()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dev.Dev.AuthServer, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "licenses.read" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(3, token.GetProperty("access_token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task Sigterm_stops_every_part_and_exits_0()
    {
        await using var own = await DevProcess.StartAsync(DevProcess.NewFolder());
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await ServiceFleet.WaitUntilAsync(
            async () => (await client.GetAsync(new Uri(own.Registry, "eureka/apps/AUTH-SERVER"), Ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the auth server to register with the dev registry");

        own.Process.Terminate();
        await own.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, own.Process.ExitCode);
        foreach (var part in own.Parts)
        {
            Assert.False(await DevProcess.ListensAsync(part), $"{part} still listens");
        }

        // Each part stopped gracefully: the auth server deregistered from the registry before the registry stopped.
        Assert.Contains("Deregistered AUTH-SERVER", own.Process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_git_config_repo_is_served_from_its_commits_and_the_auth_server_can_be_left_out()
    {
        var folder = DevProcess.NewFolder();
        var repo = Path.Combine(folder, "config-repo");
        Repository.Init(repo);
        using (var git = new Repository(repo))
        {
            await File.WriteAllTextAsync(Path.Combine(repo, "application.yml"), "greeting: committed\n", Ct);
            Commands.Stage(git, "application.yml");
            var who = new Signature("test", "test@example.org", TimeProvider.System.GetUtcNow());
            git.Commit("config", who, who);
        }

        await File.WriteAllTextAsync(Path.Combine(repo, "application.yml"), "greeting: not committed\n", Ct);
        await using var own = await DevProcess.StartAsync(folder, ["--Stratus:Dev:EnableAuthServer=false"], withAuthServer: false);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var environment = JsonDocument.Parse(await client.GetStringAsync(new Uri(own.ConfigServer, "some-app/default"), Ct)).RootElement;

        var source = Assert.Single(environment.GetProperty("propertySources").EnumerateArray());
        Assert.Equal("committed", source.GetProperty("source").GetProperty("greeting").GetString());
        Assert.Contains("Git repository", own.Process.Stderr, StringComparison.Ordinal);
        Assert.False(await DevProcess.ListensAsync(own.AuthServer), "the auth server was left out");
    }

    [Fact]
    public async Task A_taken_port_fails_the_start_naming_the_part_and_the_port_and_leaves_nothing_running()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var own = DevProcess.Launch(DevProcess.NewFolder(), gatewayPort: port);

        await own.Process.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(75, own.Process.ExitCode);
        Assert.Contains($"the gateway cannot listen on http://127.0.0.1:{port}: port {port} is already in use", own.Process.Stderr, StringComparison.Ordinal);
        Assert.Contains("--Stratus:Dev:GatewayUrl=", own.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", own.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("stratus dev: ready", own.Process.Stderr, StringComparison.Ordinal);
        foreach (var part in new[] { own.Registry, own.ConfigServer, own.AuthServer })
        {
            Assert.False(await DevProcess.ListensAsync(part), $"{part} still listens");
        }
    }

    [Theory]
    [InlineData("no-repo", 78, "Stratus:Dev:ConfigRepo")]
    [InlineData("--urls=http://127.0.0.1:1234", 64, "--urls does not apply to dev")]
    [InlineData("--Stratus:Dev:GatewayUrl=ftp://127.0.0.1:21", 78, "Stratus:Dev:GatewayUrl must be an http:// or https:// URL")]
    [InlineData("--Stratus:Dev:RegistryUrl=http://127.0.0.1:8888", 78, "Stratus:Dev:ConfigServerUrl and Stratus:Dev:RegistryUrl both name 127.0.0.1:8888")]
    [InlineData("--Stratus:Dev:EnableAuthServer=maybe", 78, "Stratus:Dev:EnableAuthServer must be true or false, not 'maybe'")]
    public async Task Bad_settings_stop_the_start_with_the_problem_named(string setting, int exitCode, string message)
    {
        var folder = DevProcess.NewFolder();
        if (setting == "no-repo")
        {
            Directory.Delete(Path.Combine(folder, "config-repo"));
        }

        await using var process = StratusProcess.Start(setting == "no-repo" ? ["dev"] : ["dev", setting], workingDirectory: folder);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Directory.Delete(folder, recursive: true);

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains(message, process.Stderr, StringComparison.Ordinal);
        if (setting == "no-repo")
        {
            Assert.Contains(Path.Combine(folder, "config-repo"), process.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(process.Stdout);
    }
}
