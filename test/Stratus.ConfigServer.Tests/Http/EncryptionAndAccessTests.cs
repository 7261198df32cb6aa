using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.ConfigServer.Tests.Http;

/// <summary><c>{cipher}</c> values, the encryption endpoints with Spring's bodies, and per-application access.</summary>
public sealed class EncryptionAndAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Text(string value) => new(value, Encoding.UTF8, "text/plain");

    [Fact]
    public async Task Ciphers_round_trip_and_are_decrypted_on_the_way_out_or_marked_invalid()
    {
        using var repo = new GitRepo().Write("orders.yml", "plain: a\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri, ("Stratus:ConfigServer:Encrypt:Key", "s3cr3t-passphrase"));

        using var encrypted = await server.Client.PostAsync("encrypt", Text("db-password"), Ct);
        var cipher = await encrypted.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, encrypted.StatusCode);
        Assert.Matches("^[0-9a-f]{64}$", cipher);
        using var decrypted = await server.Client.PostAsync("decrypt", Text(cipher), Ct);
        Assert.Equal("db-password", await decrypted.Content.ReadAsStringAsync(Ct));
        Assert.Equal("{\"status\":\"OK\"}", await server.Client.GetStringAsync("encrypt/status", Ct));

        repo.Write("orders.yml", $"plain: a\npassword: '{{cipher}}{cipher}'\nbroken: '{{cipher}}00ff'\nlast: z\n");
        repo.Commit();
        await server.Client.PostAsync("actuator/refresh", null, Ct);
        var json = await server.Client.GetStringAsync("orders/default", Ct);
        Assert.Contains("\"source\":{\"plain\":\"a\",\"last\":\"z\",\"password\":\"db-password\",\"invalid.broken\":\"<n/a>\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain(cipher, json, StringComparison.Ordinal);

        using var wrong = await server.Client.PostAsync("decrypt", Text("00ff00ff"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("{\"description\":\"Text not encrypted with this key\",\"status\":\"INVALID\"}", await wrong.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Without_a_key_the_endpoints_say_NO_KEY_and_ciphers_pass_through_for_the_client()
    {
        using var repo = new GitRepo().Write("orders.yml", "password: '{cipher}abcdef'\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        using var status = await server.Client.GetAsync("encrypt/status", Ct);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("{\"description\":\"No key was installed for encryption service\",\"status\":\"NO_KEY\"}", await status.Content.ReadAsStringAsync(Ct));
        using var encrypt = await server.Client.PostAsync("encrypt", Text("x"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, encrypt.StatusCode);
        Assert.Contains("\"password\":\"{cipher}abcdef\"", await server.Client.GetStringAsync("orders/default", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_encoded_bodies_are_read_the_way_Spring_reads_them()
    {
        using var repo = new GitRepo().Write("a.yml", "a: 1\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri, ("Stratus:ConfigServer:Encrypt:Key", "k"));

        using var encrypted = await server.Client.PostAsync("encrypt", new StringContent("my+secret=", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        var cipher = await encrypted.Content.ReadAsStringAsync(Ct);
        using var decrypted = await server.Client.PostAsync("decrypt", Text(cipher), Ct);

        Assert.Equal("my secret", await decrypted.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Admin_endpoints_need_the_admin_user_once_one_is_set()
    {
        using var repo = new GitRepo().Write("a.yml", "a: 1\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri,
            ("Stratus:ConfigServer:Encrypt:Key", "k"), ("Stratus:ConfigServer:Security:Username", "admin"), ("Stratus:ConfigServer:Security:Password", "pw"));

        using var anonymous = await server.Client.PostAsync("encrypt", Text("x"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        using var refresh = await server.Client.PostAsync("actuator/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "encrypt") { Content = Text("x") };
        request.Headers.Authorization = ConfigServerHost.Basic("admin", "pw");
        using var allowed = await server.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_client_reads_only_the_applications_it_is_granted()
    {
        using var repo = new GitRepo().Write("orders.yml", "a: 1\n").Write("billing.yml", "secret: b\n");
        repo.Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri,
            ("Stratus:ConfigServer:Security:Clients:orders-svc:Password", "pw1"),
            ("Stratus:ConfigServer:Security:Clients:orders-svc:Applications:0", "orders"));

        async Task<HttpStatusCode> Get(string path, string? user, string? password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (user is not null)
            {
                request.Headers.Authorization = ConfigServerHost.Basic(user, password!);
            }

            using var response = await server.Client.SendAsync(request, Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get("orders/default", "orders-svc", "pw1"));
        Assert.Equal(HttpStatusCode.OK, await Get("main/orders-default.properties", "orders-svc", "pw1"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("billing/default", "orders-svc", "pw1"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("orders,billing/default", "orders-svc", "pw1"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("billing-default.json", "orders-svc", "pw1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("orders/default", "orders-svc", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("orders/default", null, null));
    }

    [Fact]
    public async Task Native_and_composite_backends_follow_Springs_shapes()
    {
        using var repo = new GitRepo().Write("orders.yml", "from: git\nonly-git: 1\n");
        repo.Commit();
        var folder = Directory.CreateTempSubdirectory("stratus-native-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "orders.properties"), "from=native\n");
            await using var native = await ConfigServerHost.StartAsync(new Dictionary<string, string?> { ["Stratus:ConfigServer:Native:SearchLocations:0"] = folder });
            var nativeJson = await native.Client.GetFromJsonAsync<JsonElement>("orders/default", Ct);
            Assert.Equal(JsonValueKind.Null, nativeJson.GetProperty("version").ValueKind);
            Assert.Equal(JsonValueKind.Null, nativeJson.GetProperty("label").ValueKind);
            Assert.Equal("file:" + folder + "/orders.properties", nativeJson.GetProperty("propertySources")[0].GetProperty("name").GetString());

            await using var composite = await ConfigServerHost.StartAsync(new Dictionary<string, string?>
            {
                ["Stratus:ConfigServer:Composite:0:Type"] = "native",
                ["Stratus:ConfigServer:Composite:0:Native:SearchLocations:0"] = folder,
                ["Stratus:ConfigServer:Composite:1:Type"] = "git",
                ["Stratus:ConfigServer:Composite:1:Git:Uri"] = repo.Uri,
            });
            var merged = await composite.Client.GetStringAsync("orders-default.properties", Ct);
            Assert.Equal("from: native\nonly-git: 1", merged);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
