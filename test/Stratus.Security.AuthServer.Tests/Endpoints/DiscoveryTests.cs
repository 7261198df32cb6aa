using System.Text.Json;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Endpoints;

public sealed class DiscoveryTests(SharedServer shared)
{
    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Discovery_document_names_the_issuer_endpoints_grants_and_S256_only()
    {
        var server = shared.Server;
        var json = await server.Client.GetStringAsync(".well-known/openid-configuration", TestContext.Current.CancellationToken);
        var doc = JsonDocument.Parse(json).RootElement;

        Assert.Equal(server.Issuer, doc.GetProperty("issuer").GetString());
        Assert.Equal(server.Issuer + "connect/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal(server.Issuer + "connect/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(server.Issuer + "connect/introspect", doc.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(server.Issuer + "connect/revoke", doc.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(server.Issuer + ".well-known/jwks", doc.GetProperty("jwks_uri").GetString());
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(doc.GetProperty("grant_types_supported")).Order());
        Assert.Equal(["S256"], Strings(doc.GetProperty("code_challenge_methods_supported")));
        Assert.Contains("RS256", Strings(doc.GetProperty("id_token_signing_alg_values_supported")));
        Assert.Contains("client_secret_basic", Strings(doc.GetProperty("token_endpoint_auth_methods_supported")));
        Assert.Contains("orders.read", Strings(doc.GetProperty("scopes_supported")));
    }

    [Fact]
    public async Task Jwks_publishes_the_public_part_of_the_signing_key_with_its_kid()
    {
        var json = await shared.Server.Client.GetStringAsync(".well-known/jwks", TestContext.Current.CancellationToken);
        var key = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.True(key.TryGetProperty("n", out _));
        Assert.False(key.TryGetProperty("d", out _), "the private exponent must never be published");
        Assert.False(key.TryGetProperty("p", out _));
    }
}
