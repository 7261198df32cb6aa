using System.Net;
using System.Net.Sockets;
using System.Text;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.ConfigServer.Tests.Http;

/// <summary>
/// Path traversal in every URL slot and hostile repository files. A secret file sits beside the repository and a
/// symbolic link inside it points at the secret; no request may return a byte of it.
/// </summary>
public sealed class HostileRequestTests
{
    private const string Marker = "TOP-SECRET-OUTSIDE-THE-REPO";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> TraversalPaths => new()
    {
        "/..%2f..%2fsecret/default",
        "/orders/..%2f..%2fsecret",
        "/orders/default/..%2f..%2fsecret",
        "/orders/default/main/..%2fsecret.yml",
        "/orders/default/main/..%252f..%252fsecret.yml",
        "/orders/default/main/%2e%2e/%2e%2e/secret.yml",
        "/orders/default/main/%252e%252e/secret.yml",
        "/orders/default/main/..%5csecret.yml",
        "/orders/default/main/..\\secret.yml",
        "/orders/default/(_)etc(_)passwd/x",
        "/orders/default/(_)(_)secret.yml",
        "/orders/default/main(_)..(_)..(_)secret/x",
        "/orders/default/main/link.yml",
        "/orders/default/main/linkdir/secret.yml",
        "/orders/default/main/file:%2f%2f%2fetc%2fpasswd",
        "/orders/default/main/http:%2f%2f127.0.0.1%2fsecret",
        "/file:%2f%2f%2fetc/default",
        "/orders/default,..%2f..%2fsecret",
        "/orders/dev,..%252fsecret",
        "/orders/default/main/secret.yml%23",
        "/orders/default/main/%23/secret.yml",
        "/orders/default/main/.git/config",
        "/orders/default/main/%2fetc%2fpasswd",
        "/main/..%2fsecret-default.yml",
        "/orders/default/main/x%00.yml",
    };

    [Theory]
    [MemberData(nameof(TraversalPaths))]
    public async Task Traversal_attempts_get_400_or_404_and_never_a_byte_from_outside_git(string path)
    {
        using var repo = HostileRepo(out var secret);
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var (status, body) = await RawGetAsync(server.BaseAddress, path);

        Assert.True(status is 400 or 404, $"{path} answered {status}");
        Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
        Assert.True(File.Exists(secret));
    }

    [Theory]
    [MemberData(nameof(TraversalPaths))]
    public async Task Traversal_attempts_get_400_or_404_from_a_native_folder_too(string path)
    {
        using var repo = HostileRepo(out _);
        await using var server = await ConfigServerHost.StartAsync(new Dictionary<string, string?> { ["Stratus:ConfigServer:Native:SearchLocations:0"] = repo.Path });

        var (status, body) = await RawGetAsync(server.BaseAddress, path);

        Assert.True(status is 400 or 404, $"{path} answered {status}");
        Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_in_the_repository_is_never_followed()
    {
        using var repo = HostileRepo(out _);
        await using var git = await ConfigServerHost.StartGitAsync(repo.Uri);
        await using var native = await ConfigServerHost.StartAsync(new Dictionary<string, string?> { ["Stratus:ConfigServer:Native:SearchLocations:0"] = repo.Path });

        foreach (var server in new[] { git, native })
        {
            var json = await server.Client.GetStringAsync("link/default", Ct);
            Assert.DoesNotContain(Marker, json, StringComparison.Ordinal);
            Assert.Contains("\"propertySources\":[]", json, StringComparison.Ordinal);
            Assert.DoesNotContain(Marker, await server.Client.GetStringAsync("link-dev.yml", Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_broken_file_fails_only_the_applications_that_read_it_with_a_message_naming_it()
    {
        using var repo = new GitRepo()
            .Write("application.yml", "shared: ok\n")
            .Write("bomb.yml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n")
            .Write("dupes.yml", "a: 1\na: 2\n")
            .Write("tagged.yml", "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n")
            .Write("syntax.yml", "a: [1, 2\n")
            .Write("deep.yml", string.Concat(Enumerable.Range(0, 80).Select(i => new string(' ', i * 2) + "k" + i + ":\n")) + new string(' ', 160) + "v: 1\n")
            .WriteBytes("badutf8.yml", [(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n'])
            .Write("huge.yml", "big: " + new string('x', 4 * 1024 * 1024) + "\n")
            .Write("fine.yml", "ok: true\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        foreach (var (app, reason) in new[]
        {
            ("bomb", "alias"), ("dupes", "duplicate key"), ("tagged", "tag"), ("syntax", "line"), ("deep", "nesting deeper"),
            ("badutf8", "UTF-8"), ("huge", "limit"),
        })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await server.Client.GetAsync(app + "/default", Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Contains(app + ".yml", body, StringComparison.Ordinal);
            Assert.Contains(reason, body, StringComparison.OrdinalIgnoreCase);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{app} took {clock.Elapsed}");
        }

        var fine = await server.Client.GetStringAsync("fine/default", Ct);
        Assert.Contains("\"ok\":true", fine, StringComparison.Ordinal);
        Assert.Contains("\"shared\":\"ok\"", fine, StringComparison.Ordinal);
    }

    /// <summary>A repository with a secret beside it, a committed symlink to the secret, and a symlinked folder.</summary>
    private static GitRepo HostileRepo(out string secret)
    {
        var repo = new GitRepo().Write("orders.yml", "a: 1\n");
        secret = Path.Combine(repo.Root, "secret.yml");
        File.WriteAllText(secret, "stolen: " + Marker + "\n");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "link.yml"), secret);
        File.CreateSymbolicLink(Path.Combine(repo.Path, "link-dev.yml"), secret);
        Directory.CreateSymbolicLink(Path.Combine(repo.Path, "linkdir"), repo.Root);
        repo.Commit();
        return repo;
    }

    /// <summary>Sends the path exactly as written (no client-side normalisation) and reads the whole answer.</summary>
    private static async Task<(int Status, string Body)> RawGetAsync(Uri baseAddress, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, Ct);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(Ct);
        var status = int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
