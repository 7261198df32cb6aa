using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.ConfigServer.Tests.Refresh;

/// <summary>
/// A remote repository over real Git smart HTTP with credentials: clone in the background, webhook-driven fetches,
/// watchers woken within a second, history rewrites, and a remote that goes away while reads keep being served.
/// </summary>
public sealed class RemoteRefreshTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent GithubPush(string file) =>
        new($"{{\"ref\":\"refs/heads/main\",\"commits\":[{{\"modified\":[\"{file}\"]}}]}}", Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(ConfigServerHost server, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await server.Client.GetAsync(path, Ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt > 50)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            }

            await Task.Delay(100, Ct);
        }
    }

    private static string Value(JsonElement root, string key) => root.GetProperty("propertySources")[0].GetProperty("source").GetProperty(key).ToString();

    [Fact]
    public async Task Remote_is_cloned_with_credentials_and_a_webhook_makes_a_push_visible_within_a_second()
    {
        using var repo = new GitRepo().Write("orders.yml", "greeting: one\n");
        var first = repo.Commit();
        await using var remote = await GitHttpServer.StartAsync(repo.Root, "git-user", "git-pass-123");
        var uri = new Uri(remote.BaseAddress, "repo").ToString();
        await using var server = await ConfigServerHost.StartGitAsync(uri,
            ("Stratus:ConfigServer:Git:Username", "git-user"), ("Stratus:ConfigServer:Git:Password", "git-pass-123"),
            ("Stratus:ConfigServer:Git:RefreshRate", "00:10:00"));

        var root = await ReadAsync(server, "orders/default");
        Assert.Equal(first, root.GetProperty("version").GetString());
        Assert.Equal(uri + "/orders.yml", root.GetProperty("propertySources")[0].GetProperty("name").GetString());

        repo.Write("orders.yml", "greeting: two\n");
        var second = repo.Commit();
        var clock = Stopwatch.StartNew();
        using var hook = new HttpRequestMessage(HttpMethod.Post, "monitor") { Content = GithubPush("orders.yml") };
        hook.Headers.Add("X-Github-Event", "push");
        using var answer = await server.Client.SendAsync(hook, Ct);
        Assert.Equal("[\"orders\"]", await answer.Content.ReadAsStringAsync(Ct));
        root = await ReadAsync(server, "orders/default");
        Assert.Equal(second, root.GetProperty("version").GetString());
        Assert.Equal("two", Value(root, "greeting"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"visible after {clock.Elapsed}");

        var health = await server.Client.GetStringAsync("actuator/health", Ct);
        Assert.DoesNotContain("git-pass-123", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watcher_is_woken_within_a_second_and_a_no_op_commit_does_not_wake_it()
    {
        using var repo = new GitRepo().Write("orders.yml", "greeting: one\n").Write("other.yml", "x: 1\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri, ("Stratus:ConfigServer:Git:RefreshRate", "00:10:00"));
        using var first = await server.Client.GetAsync("orders/default", Ct);
        var etag = first.Headers.ETag!.Tag;

        async Task<(HttpStatusCode Status, TimeSpan Elapsed, string Body)> WatchAsync(int seconds)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "orders/default");
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            request.Headers.TryAddWithoutValidation("Prefer", $"wait={seconds}");
            var clock = Stopwatch.StartNew();
            using var response = await server.Client.SendAsync(request, Ct);
            return (response.StatusCode, clock.Elapsed, await response.Content.ReadAsStringAsync(Ct));
        }

        var unrelated = WatchAsync(2);
        await Task.Delay(200, Ct);
        repo.Write("other.yml", "x: 2\n");
        repo.Commit();
        await server.Client.PostAsync("actuator/refresh", null, Ct);
        var quiet = await unrelated;
        Assert.Equal(HttpStatusCode.NotModified, quiet.Status);

        var watcher = WatchAsync(10);
        await Task.Delay(200, Ct);
        repo.Write("orders.yml", "greeting: two\n");
        repo.Commit();
        var clock = Stopwatch.StartNew();
        await server.Client.PostAsync("actuator/refresh", null, Ct);
        var woken = await watcher;
        Assert.Equal(HttpStatusCode.OK, woken.Status);
        Assert.Contains("\"greeting\":\"two\"", woken.Body, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"woken after {clock.Elapsed}");
    }

    [Fact]
    public async Task When_the_remote_goes_away_the_last_revision_is_served_and_health_shows_its_age()
    {
        using var repo = new GitRepo().Write("orders.yml", "greeting: one\n");
        var first = repo.Commit();
        var remote = await GitHttpServer.StartAsync(repo.Root);
        var uri = new Uri(remote.BaseAddress, "repo").ToString();
        await using var server = await ConfigServerHost.StartGitAsync(uri, ("Stratus:ConfigServer:Git:Timeout", "00:00:01"));
        Assert.Equal(first, (await ReadAsync(server, "orders/default")).GetProperty("version").GetString());

        await remote.DisposeAsync();
        repo.Write("orders.yml", "greeting: unseen\n");
        repo.Commit();
        await server.Client.PostAsync("actuator/refresh", null, Ct);

        var tasks = Enumerable.Range(0, 200).Select(_ => server.Client.GetStringAsync("orders/default", Ct)).ToArray();
        foreach (var body in await Task.WhenAll(tasks))
        {
            Assert.Contains(first, body, StringComparison.Ordinal);
            Assert.Contains("\"greeting\":\"one\"", body, StringComparison.Ordinal);
        }

        using var health = JsonDocument.Parse(await server.Client.GetStringAsync("actuator/health", Ct));
        var repository = health.RootElement.GetProperty("components").GetProperty("configServer").GetProperty("details").GetProperty("repositories")[0];
        Assert.True(repository.TryGetProperty("lastError", out _));
        Assert.True(repository.GetProperty("lastGoodFetchAgeSeconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_rewritten_history_is_served_once_fetched()
    {
        using var repo = new GitRepo().Write("orders.yml", "greeting: one\n");
        repo.Commit();
        repo.Write("orders.yml", "greeting: two\n");
        var second = repo.Commit();
        await using var remote = await GitHttpServer.StartAsync(repo.Root);
        await using var server = await ConfigServerHost.StartGitAsync(new Uri(remote.BaseAddress, "repo").ToString(), ("Stratus:ConfigServer:Git:RefreshRate", "00:10:00"));
        Assert.Equal(second, (await ReadAsync(server, "orders/default")).GetProperty("version").GetString());

        repo.Git("reset", "-q", "--hard", "HEAD~1");
        repo.Write("orders.yml", "greeting: rewritten\n");
        var rewritten = repo.Commit("rewrite");
        await server.Client.PostAsync("actuator/refresh", null, Ct);

        var root = await ReadAsync(server, "orders/default");
        Assert.Equal(rewritten, root.GetProperty("version").GetString());
        Assert.Equal("rewritten", Value(root, "greeting"));
        Assert.Equal(second, (await ReadAsync(server, "orders/default/" + second)).GetProperty("version").GetString());
    }
}
