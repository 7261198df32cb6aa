namespace Stratus.IntegrationTests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_roles_and_main_keys()
    {
        var (exit, stdout, _) = await StratusProcess.RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var expected in new[] { "registry", "config-server", "gateway", "auth-server", "dev", "EnableSelfPreservation", "PeerUrls", "--urls" })
        {
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var (exit, stdout, _) = await StratusProcess.RunAsync("--version");

        Assert.Equal(0, exit);
        Assert.Matches(@"^stratus \d+\.\d+\.\d+", stdout);
    }

    [Fact]
    public async Task No_arguments_prints_usage_and_fails()
    {
        var (exit, stdout, _) = await StratusProcess.RunAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains("Usage: stratus <role>", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_role_fails_with_a_message()
    {
        var (exit, _, stderr) = await StratusProcess.RunAsync("teleporter");

        Assert.NotEqual(0, exit);
        Assert.Contains("unknown role 'teleporter'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_server_without_a_repository_names_the_missing_key_and_fails()
    {
        var (exit, _, stderr) = await StratusProcess.RunAsync("config-server", "--urls", "http://127.0.0.1:0");

        Assert.Equal(78, exit);
        Assert.Contains("Stratus:ConfigServer:Git:Uri", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_help_lists_the_dev_keys()
    {
        var (exit, stdout, _) = await StratusProcess.RunAsync("dev", "--help");

        Assert.Equal(0, exit);
        foreach (var expected in new[] { "Stratus:Dev", "RegistryUrl", "ConfigServerUrl", "GatewayUrl", "AuthServerUrl", "ConfigRepo", "EnableAuthServer" })
        {
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
        }
    }
}
