using System.Net;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.ConfigServer.Tests.Http;

/// <summary>
/// The flattened <c>.properties</c>, <c>.json</c>, <c>.yml</c> views and plain-text resources. Indexed keys
/// come after the others, as Spring's merge appends whole lists last.
/// </summary>
public sealed class FlattenedAndResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GitRepo Repo()
    {
        var repo = new GitRepo()
            .Write("application.yml", "shared: everyone\nlist:\n  - a\n  - b\nspring:\n  profiles: ignored\n")
            .Write("orders.yml", "greeting: hello ${name:world}\nname: orders\nenabled: yes\nmode: 0777\nservers:\n  - host: a\n    port: 1\n  - host: b\n    port: 2\nempty: ''\n")
            .Write("orders-dev.yml", "list:\n  - only-dev\n")
            .Write("nginx.conf", "server_name ${name};\n")
            .Write("nginx-dev.conf", "dev server ${name};\n");
        repo.Commit();
        return repo;
    }

    [Fact]
    public async Task Properties_view_merges_sources_lists_as_a_whole_and_resolves_placeholders()
    {
        using var repo = Repo();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        using var response = await server.Client.GetAsync("orders-dev.properties", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "shared: everyone\ngreeting: hello orders\nname: orders\nenabled: true\nmode: 511\nempty: \nlist[0]: only-dev\nservers[0].host: a\nservers[0].port: 1\nservers[1].host: b\nservers[1].port: 2",
            text);
        var raw = await server.Client.GetStringAsync("main/orders-dev.properties?resolvePlaceholders=false", Ct);
        Assert.Contains("greeting: hello ${name:world}", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_view_nests_keys_and_keeps_types()
    {
        using var repo = Repo();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var json = await server.Client.GetStringAsync("orders-dev.json", Ct);

        Assert.Equal(
            "{\"shared\":\"everyone\",\"greeting\":\"hello orders\",\"name\":\"orders\",\"enabled\":true,\"mode\":511,\"empty\":\"\",\"list\":[\"only-dev\"],\"servers\":[{\"host\":\"a\",\"port\":1},{\"host\":\"b\",\"port\":2}]}",
            json);
    }

    [Fact]
    public async Task Yaml_view_is_block_yaml_that_reads_back_the_same()
    {
        using var repo = Repo();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var yaml = await server.Client.GetStringAsync("main/orders-dev.yml", Ct);

        Assert.Equal(
            "shared: everyone\ngreeting: hello orders\nname: orders\nenabled: true\nmode: 511\nempty: ''\nlist:\n- only-dev\nservers:\n- host: a\n  port: 1\n- host: b\n  port: 2\n",
            yaml);
    }

    [Theory]
    [InlineData("orders.properties", HttpStatusCode.NotFound)]
    [InlineData("-dev.json", HttpStatusCode.NotFound)]
    [InlineData("orders-.yml", HttpStatusCode.NotFound)]
    [InlineData("orders-d!ev.yml", HttpStatusCode.BadRequest)]
    public async Task Malformed_flattened_names_are_refused(string path, HttpStatusCode expected)
    {
        using var repo = Repo();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        using var response = await server.Client.GetAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Resources_prefer_the_profile_variant_and_resolve_placeholders_unless_bytes_are_asked_for()
    {
        using var repo = Repo();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        Assert.Equal("dev server orders;\n", await server.Client.GetStringAsync("orders/dev/main/nginx.conf", Ct));
        Assert.Equal("server_name orders;\n", await server.Client.GetStringAsync("orders/default/main/nginx.conf", Ct));
        Assert.Equal("server_name orders;\n", await server.Client.GetStringAsync("orders/default/nginx.conf?useDefaultLabel", Ct));
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders/default/main/nginx.conf");
        request.Headers.Accept.ParseAdd("application/octet-stream");
        using var bytes = await server.Client.SendAsync(request, Ct);
        Assert.Equal("server_name ${name};\n", await bytes.Content.ReadAsStringAsync(Ct));
        using var missing = await server.Client.GetAsync("orders/default/main/missing.conf", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
