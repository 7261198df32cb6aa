using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Management.Info;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Info;

public sealed class InfoTests
{
    [Fact]
    public async Task Info_shows_the_build_and_configured_values_nested()
    {
        await using var host = await ManagementHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Info:app:name"] = "orders",
                ["Info:app:description"] = "Takes orders",
                ["Info:team:members:0"] = "ana",
                ["Info:team:members:1"] = "bo",
                ["info:contact:url"] = "https://ops:letmein@wiki.example.com/orders",
            },
            services => services.AddSingleton(new BuildInfo("orders-api", "1.4.0", "9f2c4e1d0b7a6c5e4f3a2b1c0d9e8f7a6b5c4d3e")));

        var body = await host.GetStringAsync("actuator/info");

        Assert.DoesNotContain("letmein", body, StringComparison.Ordinal);
        Golden.Match("info", body);
    }

    [Fact]
    public async Task Info_reads_the_entry_assembly()
    {
        await using var host = await ManagementHost.StartAsync();

        using var json = JsonDocument.Parse(await host.GetStringAsync("actuator/info"));

        var build = json.RootElement.GetProperty("build");
        Assert.Equal("Stratus.Management.Tests", build.GetProperty("name").GetString());
        var informational = Assembly.GetEntryAssembly()!.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational.Split('+')[0], build.GetProperty("version").GetString());
        var commit = json.RootElement.TryGetProperty("git", out var git) ? git.GetProperty("commit").GetProperty("id").GetString() : null;
        Assert.Equal(informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : null, commit);
    }

    [Fact]
    public async Task Configured_build_replaces_the_assemblys()
    {
        await using var host = await ManagementHost.StartAsync(new Dictionary<string, string?> { ["Info:build:version"] = "9.9.9", ["Info:git:commit:id"] = "abc1234" });

        var body = await host.GetStringAsync("actuator/info");

        Assert.Equal("{\"build\":{\"version\":\"9.9.9\"},\"git\":{\"commit\":{\"id\":\"abc1234\"}}}", body);
    }

    [Theory]
    [InlineData("1.2.3+0123456789abcdef0123456789abcdef01234567", "1.2.3", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("1.2.3", "1.2.3", null)]
    [InlineData("1.2.3+local.build", "1.2.3", null)]
    public void Informational_version_splits_into_version_and_commit(string informational, string version, string? commit)
    {
        var info = BuildInfo.FromInformationalVersion("app", informational);

        Assert.Equal(version, info.Version);
        Assert.Equal(commit, info.Commit);
    }
}
