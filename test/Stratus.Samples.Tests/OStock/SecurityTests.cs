using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Samples.Tests.OStock;

/// <summary>licensing-service as a resource server of a real <c>stratus auth-server</c> (its demo client).</summary>
public sealed class SecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_resource_server_configured_reads_need_licenses_read_and_writes_licenses_write()
    {
        await using var fleet = new OStockFleet();
        var authServer = await fleet.StartAuthServerAsync();
        var (_, address) = await fleet.StartLicensingAsync(
            $"--Stratus:Security:ResourceServer:Authority={authServer}",
            "--Stratus:Security:ResourceServer:Audience=licensing-service",
            $"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/");
        using var client = new HttpClient { BaseAddress = address };
        var readToken = await TokenAsync(authServer, "licenses.read");
        var writeToken = await TokenAsync(authServer, "licenses.read licenses.write");

        using var anonymous = await client.GetAsync("v1/organization/org-1/license", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var readOnlyWrite = await SendAsync(client, HttpMethod.Post, "v1/organization/org-1/license", readToken, new { licenseId = "lic-1", productName = "p", licenseType = "full" });
        Assert.Equal(HttpStatusCode.Forbidden, readOnlyWrite.StatusCode);
        Assert.Contains("insufficient_scope", readOnlyWrite.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var write = await SendAsync(client, HttpMethod.Post, "v1/organization/org-1/license", writeToken, new { licenseId = "lic-1", productName = "p", licenseType = "full" });
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);

        using var read = await SendAsync(client, HttpMethod.Get, "v1/organization/org-1/license/lic-1", readToken, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("lic-1", (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("licenseId").GetString());
    }

    [Fact]
    public async Task The_callers_token_is_relayed_to_a_secured_organization_service()
    {
        await using var fleet = new OStockFleet();
        var authServer = await fleet.StartAuthServerAsync(
            "--Stratus:AuthServer:Scopes:0:Name=organizations.read",
            "--Stratus:AuthServer:Scopes:0:Resources:0=organization-service",
            "--Stratus:AuthServer:Scopes:1:Name=organizations.write",
            "--Stratus:AuthServer:Scopes:1:Resources:0=organization-service",
            "--Stratus:AuthServer:Clients:0:ClientId=ostock-client",
            "--Stratus:AuthServer:Clients:0:ClientSecret=ostock-secret",
            "--Stratus:AuthServer:Clients:0:Scopes:0=licenses.read",
            "--Stratus:AuthServer:Clients:0:Scopes:1=licenses.write",
            "--Stratus:AuthServer:Clients:0:Scopes:2=organizations.read",
            "--Stratus:AuthServer:Clients:0:Scopes:3=organizations.write");
        var (_, organizationAddress) = await fleet.StartOrganizationAsync(
            $"--Stratus:Security:ResourceServer:Authority={authServer}",
            "--Stratus:Security:ResourceServer:Audience=organization-service");
        var (_, licensingAddress) = await fleet.StartLicensingAsync(
            $"--Stratus:Security:ResourceServer:Authority={authServer}",
            "--Stratus:Security:ResourceServer:Audience=licensing-service",
            $"--OStock:OrganizationService:BaseAddress={organizationAddress}",
            "--OStock:OrganizationCache:TimeToLive=00:00:00");
        using var client = new HttpClient { BaseAddress = licensingAddress };
        var both = await TokenAsync(authServer, "licenses.read licenses.write organizations.read", "ostock-client:ostock-secret");
        var licensesOnly = await TokenAsync(authServer, "licenses.read licenses.write", "ostock-client:ostock-secret");
        using (var organizations = new HttpClient { BaseAddress = organizationAddress })
        {
            var write = await TokenAsync(authServer, "organizations.write", "ostock-client:ostock-secret");
            using var readOnly = await SendAsync(organizations, HttpMethod.Post, "v1/organization", both, new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example" });
            Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
            using var created = await SendAsync(organizations, HttpMethod.Post, "v1/organization", write, new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var created = await SendAsync(client, HttpMethod.Post, "v1/organization/org-1/license", both, new { licenseId = "lic-1", productName = "p", licenseType = "full" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var relayed = await SendAsync(client, HttpMethod.Get, "v1/organization/org-1/license/lic-1", both, null);
        var body = await relayed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("available", body.GetProperty("organizationDetails").GetString());
        Assert.Equal("Ostock", body.GetProperty("organizationName").GetString());

        // A token without organizations.read reaches licensing-service but not organization-service (403 there).
        using var partial = await SendAsync(client, HttpMethod.Get, "v1/organization/org-1/license/lic-1", licensesOnly, null);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal("unavailable", (await partial.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("organizationDetails").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> TokenAsync(Uri authServer, string scope, string credentials = "demo-client:demo-secret")
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authServer, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }
}
