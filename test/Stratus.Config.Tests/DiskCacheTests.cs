using System.Text;
using Stratus.Config.Tests.Support;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Config.Tests;

public sealed class DiskCacheTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("a cache passphrase")]
    public async Task The_last_good_configuration_starts_the_service_when_the_server_is_down_and_is_encrypted_at_rest(string? key)
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: remembered-value\ndb:\n  password: hunter2-plain\n").Commit();
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var cacheArgs = new List<string> { $"--Stratus:Config:Cache:Path={root}/cache", "--Stratus:Config:Cache:WriteDelay=00:00:00" };
        if (key is not null)
        {
            cacheArgs.Add($"--Stratus:Config:Cache:Key={key}");
        }

        string serverUrl;
        await using (var server = await ConfigServerHost.StartGitAsync(repo.Uri))
        {
            serverUrl = server.BaseAddress.ToString();
            await using var first = await ClientApp.StartAsync([$"--Stratus:Config:Uri={serverUrl}", .. cacheArgs], root);
            Assert.Equal("remembered-value", first.Configuration["greeting"]);
            await first.App.Configuration.GetSession().PendingSave;
        }

        var files = Directory.GetFiles(Path.Combine(root, "cache"));
        var file = Assert.Single(files);
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hunter2-plain", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("remembered-value", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        await using var second = await ClientApp.StartAsync([$"--Stratus:Config:Uri={serverUrl}", .. cacheArgs], root);
        Assert.Equal("remembered-value", second.Configuration["greeting"]);
        Assert.Equal("hunter2-plain", second.Configuration["db:password"]);
        Assert.Contains(second.Logs.Entries, e => e.EventId == 1203);
        var health = await second.Client.GetStringAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("\"source\":\"diskCache\"", health, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Degraded\"", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_sealed_with_another_key_is_not_used_and_the_reason_is_logged()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: sealed\n").Commit();
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        string serverUrl;
        await using (var server = await ConfigServerHost.StartGitAsync(repo.Uri))
        {
            serverUrl = server.BaseAddress.ToString();
            await using var first = await ClientApp.StartAsync([$"--Stratus:Config:Uri={serverUrl}", $"--Stratus:Config:Cache:Path={root}", "--Stratus:Config:Cache:Key=one", "--Stratus:Config:Cache:WriteDelay=00:00:00"], root);
            await first.App.Configuration.GetSession().PendingSave;
        }

        await using var second = await ClientApp.StartAsync([$"--Stratus:Config:Uri={serverUrl}", $"--Stratus:Config:Cache:Path={root}", "--Stratus:Config:Cache:Key=two"], root);
        Assert.Null(second.Configuration["greeting"]);
        Assert.Contains(second.Logs.Entries, e => e.EventId == 1205);
        Assert.Contains(second.Logs.Entries, e => e.EventId == 1204);
    }
}
