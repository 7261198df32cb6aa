using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Config.Tests.Support;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Config.Tests;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task A_push_reaches_IOptionsMonitor_once_with_the_whole_new_snapshot()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "shop:\n  greeting: v1\n  limit: 1\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri, ("Stratus:ConfigServer:Git:RefreshRate", "01:00:00"));
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync(
            [$"--Stratus:Config:Uri={server.BaseAddress}", $"--Stratus:Config:Cache:Path={root}"],
            root,
            b => b.Services.Configure<ShopOptions>(b.Configuration.GetSection("shop")));
        var monitor = app.App.Services.GetRequiredService<IOptionsMonitor<ShopOptions>>();
        Assert.Equal("v1", monitor.CurrentValue.Greeting);
        var seen = new ConcurrentQueue<(string? Greeting, int Limit)>();
        using var listener = monitor.OnChange(o => seen.Enqueue((o.Greeting, o.Limit)));
        await Task.Delay(300, TestContext.Current.CancellationToken); // the watch is parked on the server

        repo.Write("orders.yml", "shop:\n  greeting: v2\n  limit: 2\n").Commit();
        using var push = await server.Client.PostAsync(new Uri("monitor", UriKind.Relative), new FormUrlEncodedContent([new("path", "orders")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);

        var watch = Stopwatch.StartNew();
        while (seen.IsEmpty && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
        var change = Assert.Single(seen);
        Assert.Equal(("v2", 2), change);
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), app.Configuration["config:client:version"]);

        var session = app.Configuration.GetSession();
        Assert.False(session.WatchTask.IsCompleted);
        await app.DisposeAsync();
        await session.WatchTask.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Refresh_endpoint_returns_the_changed_keys_and_keeps_values_when_the_server_is_down()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: v1\nremoved: soon\nsame: same\n").Commit();
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        await using var app = await ClientApp.StartAsync(
            [$"--Stratus:Config:Uri={server.BaseAddress}", "--Stratus:Config:Watch:Enabled=false", $"--Stratus:Config:Cache:Path={root}"], root);

        repo.Write("orders.yml", "greeting: v2\nadded: new\nsame: same\n").Commit();
        using (var serverRefresh = await server.Client.PostAsync(new Uri("actuator/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, serverRefresh.StatusCode);
        }

        using var refresh = await app.Client.PostAsync(new Uri("actuator/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("""["added","config:client:version","greeting","removed"]""", await refresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("v2", app.Configuration["greeting"]);

        using var again = await app.Client.PostAsync(new Uri("actuator/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal("[]", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        await server.DisposeAsync();
        using var down = await app.Client.PostAsync(new Uri("actuator/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("current values stay", await down.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("v2", app.Configuration["greeting"]);
        Assert.Equal("new", app.Configuration["added"]);
        var health = await app.Client.GetStringAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("\"status\":\"Degraded\"", health, StringComparison.Ordinal);
        Assert.Contains("lastError", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_watch_survives_a_server_restart_and_keeps_values_meanwhile()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: before\n").Commit();
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var port = server.BaseAddress.Port;
        await using var app = await ClientApp.StartAsync(
            [$"--Stratus:Config:Uri={server.BaseAddress}", $"--Stratus:Config:Cache:Path={root}"], root);
        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"the server took {stopping.Elapsed} to stop with a watcher parked on it");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal("before", app.Configuration["greeting"]);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 1208);

        repo.Write("orders.yml", "greeting: after\n").Commit();
        await using var restarted = await ConfigServerHost.StartAsync(
            new Dictionary<string, string?> { ["Stratus:ConfigServer:Git:Uri"] = repo.Uri },
            b => Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(b.WebHost, $"http://127.0.0.1:{port}"));
        var watch = Stopwatch.StartNew();
        while (app.Configuration["greeting"] != "after" && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal("after", app.Configuration["greeting"]);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 1209);
    }

    public sealed class ShopOptions
    {
        public string? Greeting { get; set; }

        public int Limit { get; set; }
    }
}
