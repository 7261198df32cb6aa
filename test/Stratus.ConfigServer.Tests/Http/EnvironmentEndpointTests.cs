using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.ConfigServer.Tests.Http;

/// <summary>The environment endpoint against a real Git repository: Spring's order, names, versions and labels, byte for byte.</summary>
public sealed class EnvironmentEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GitRepo OrdersRepo() => new GitRepo()
        .Write("application.yml", "shared: everyone\nlist:\n  - a\n  - b\n")
        .Write("application-dev.yml", "shared: everyone-dev\n")
        .Write("orders.yml", "greeting: hello\nshared: orders\n")
        .Write("orders-dev.properties", "greeting=hello dev\n")
        .Write("orders-dev.yml", "greeting: yaml dev\nport: 8081\n")
        .Write("orders-mysql.yml", "db: mysql\n")
        .Write("billing.yml", "greeting: billing\n");

    [Fact]
    public async Task V1_json_is_byte_for_byte_what_Spring_serves()
    {
        using var repo = OrdersRepo();
        var sha = repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var json = await server.Client.GetStringAsync("orders/dev,mysql", Ct);

        var u = repo.Uri;
        var expected = "{\"name\":\"orders\",\"profiles\":[\"dev,mysql\"],\"label\":null,\"version\":\"" + sha + "\",\"state\":\"\",\"propertySources\":["
            + "{\"name\":\"" + u + "/orders-mysql.yml\",\"source\":{\"db\":\"mysql\"}},"
            + "{\"name\":\"" + u + "/orders-dev.properties\",\"source\":{\"greeting\":\"hello dev\"}},"
            + "{\"name\":\"" + u + "/orders-dev.yml\",\"source\":{\"greeting\":\"yaml dev\",\"port\":8081}},"
            + "{\"name\":\"" + u + "/application-dev.yml\",\"source\":{\"shared\":\"everyone-dev\"}},"
            + "{\"name\":\"" + u + "/orders.yml\",\"source\":{\"greeting\":\"hello\",\"shared\":\"orders\"}},"
            + "{\"name\":\"" + u + "/application.yml\",\"source\":{\"shared\":\"everyone\",\"list[0]\":\"a\",\"list[1]\":\"b\"}}]}";
        Assert.Equal(expected, json);
    }

    [Fact]
    public async Task V2_media_type_wraps_values_with_their_line_and_column()
    {
        using var repo = OrdersRepo();
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders/default/main");
        request.Headers.Accept.ParseAdd("application/vnd.spring-cloud.config-server.v2+json");

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal("application/vnd.spring-cloud.config-server.v2+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("main", document.RootElement.GetProperty("label").GetString());
        var orders = document.RootElement.GetProperty("propertySources")[0];
        Assert.EndsWith("/orders.yml", orders.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("{\"value\":\"orders\",\"origin\":\"2:9\"}", orders.GetProperty("source").GetProperty("shared").GetRawText());
    }

    [Fact]
    public async Task Head_answers_the_get_headers_with_no_body_and_the_etag_answers_304()
    {
        using var repo = OrdersRepo();
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        using var get = await server.Client.GetAsync("orders/dev", Ct);
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, "orders/dev");

        using var head = await server.Client.SendAsync(headRequest, Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "orders/dev");
        again.Headers.TryAddWithoutValidation("If-None-Match", head.Headers.ETag?.ToString());
        using var notModified = await server.Client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.ETag);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task No_accept_header_gets_v1()
    {
        using var repo = OrdersRepo();
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, "billing/default");
        request.Headers.Accept.Clear();

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"greeting\":\"billing\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_document_yaml_keeps_the_active_documents_last_first_with_Springs_names()
    {
        using var repo = new GitRepo().Write("orders.yml", "x: 1\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\nx: 2\n---\nspring.config.activate.on-profile: prod\nx: 3\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var root = await server.Client.GetFromJsonAsync<JsonElement>("orders/dev", Ct);

        var names = root.GetProperty("propertySources").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
        var folder = repo.Path;
        Assert.Equal(
            [
                $"{repo.Uri}/Config resource 'file [{folder}/orders.yml' via location '' (document #1)",
                $"{repo.Uri}/Config resource 'file [{folder}/orders.yml' via location '' (document #0)",
            ],
            names);
        Assert.Equal(2, root.GetProperty("propertySources")[0].GetProperty("source").GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task Labels_are_branches_tags_commit_ids_and_slashes_spelled_with_the_placeholder()
    {
        using var repo = new GitRepo().Write("orders.yml", "where: main\n");
        var first = repo.Commit();
        repo.Git("tag", "v1");
        repo.Git("checkout", "-q", "-b", "release/1.0");
        repo.Write("orders.yml", "where: release\n");
        var release = repo.Commit();
        repo.Git("checkout", "-q", "main");
        repo.Write("orders.yml", "where: main-2\n");
        var second = repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        async Task<(string? Where, string? Version, string? Label)> Read(string path)
        {
            var root = await server.Client.GetFromJsonAsync<JsonElement>(path, Ct);
            return (root.GetProperty("propertySources")[0].GetProperty("source").GetProperty("where").GetString(),
                root.GetProperty("version").GetString(), root.GetProperty("label").GetString());
        }

        Assert.Equal(("main-2", second, null), await Read("orders/default"));
        Assert.Equal(("main-2", second, "main"), await Read("orders/default/main"));
        Assert.Equal(("main", first, "v1"), await Read("orders/default/v1"));
        Assert.Equal(("main", first, first), await Read("orders/default/" + first));
        Assert.Equal(("main", first, first[..10]), await Read("orders/default/" + first[..10]));
        Assert.Equal(("release", release, "release/1.0"), await Read("orders/default/release(_)1.0"));

        using var missing = await server.Client.GetAsync("orders/default/nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No such label: nope", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_label_main_falls_back_to_master()
    {
        using var repo = new GitRepo(branch: "master").Write("orders.yml", "a: 1\n");
        var sha = repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var root = await server.Client.GetFromJsonAsync<JsonElement>("orders/default", Ct);

        Assert.Equal(sha, root.GetProperty("version").GetString());
        Assert.Equal(1, root.GetProperty("propertySources")[0].GetProperty("source").GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task Search_paths_with_placeholders_and_wildcards_rank_above_the_root()
    {
        using var repo = new GitRepo()
            .Write("orders.yml", "from: root\nroot-only: yes\n")
            .Write("orders/orders.yml", "from: app-folder\n")
            .Write("shared-a/application.yml", "shared-a: 1\n")
            .Write("other/orders.yml", "from: not-searched\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri,
            ("Stratus:ConfigServer:Git:SearchPaths:0", "{application}"), ("Stratus:ConfigServer:Git:SearchPaths:1", "shared-*"));

        var root = await server.Client.GetFromJsonAsync<JsonElement>("orders/default", Ct);

        var names = root.GetProperty("propertySources").EnumerateArray().Select(s => s.GetProperty("name").GetString()![(repo.Uri.Length + 1)..]).ToArray();
        Assert.Equal(["shared-a/application.yml", "orders/orders.yml", "orders.yml"], names);
        Assert.True(root.GetProperty("propertySources")[2].GetProperty("source").GetProperty("root-only").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_application_gets_the_shared_files_and_an_empty_one_gets_an_empty_list()
    {
        using var repo = new GitRepo().Write("application.properties", "a=b\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var root = await server.Client.GetFromJsonAsync<JsonElement>("nobody/default", Ct);

        var source = Assert.Single(root.GetProperty("propertySources").EnumerateArray());
        Assert.Equal(repo.Uri + "/application.properties", source.GetProperty("name").GetString());
    }
}
