using System.Net;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Endpoints;

public sealed class IntrospectionTests(SharedServer shared)
{
    private static readonly (string, string) Caller = (AuthServerHost.ClientId, AuthServerHost.ClientSecret);

    [Fact]
    public async Task Introspection_says_active_with_the_claims_until_the_token_is_revoked()
    {
        var client = shared.Server.Client;
        var token = await OAuth.AccessTokenAsync(client, "orders.read");

        var (status, active, _) = await OAuth.PostFormAsync(client, "connect/introspect", new Dictionary<string, string> { ["token"] = token }, Caller);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(active.GetProperty("active").GetBoolean(), active.ToString());
        Assert.True(active.TryGetProperty("client_id", out var introspectedClient), active.ToString());
        Assert.Equal(AuthServerHost.ClientId, introspectedClient.GetString());
        Assert.Equal(shared.Server.Issuer, active.GetProperty("iss").GetString());
        Assert.Equal("orders-service", active.GetProperty("aud").GetString());

        // The token's audience (the resource server) also sees its scopes and other claims; its presenter does not.
        var (_, asAudience, _) = await OAuth.PostFormAsync(client, "connect/introspect", new Dictionary<string, string> { ["token"] = token },
            (AuthServerHost.ResourceClientId, AuthServerHost.ResourceClientSecret));
        Assert.True(asAudience.GetProperty("active").GetBoolean());
        Assert.Equal("orders.read", asAudience.GetProperty("scope").GetString());
        Assert.False(active.TryGetProperty("scope", out _));

        var (revokeStatus, _, _) = await OAuth.PostFormAsync(client, "connect/revoke",
            new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }, Caller);
        Assert.Equal(HttpStatusCode.OK, revokeStatus);

        var (afterStatus, after, _) = await OAuth.PostFormAsync(client, "connect/introspect", new Dictionary<string, string> { ["token"] = token }, Caller);
        Assert.Equal(HttpStatusCode.OK, afterStatus);
        Assert.False(after.GetProperty("active").GetBoolean());
        Assert.False(after.TryGetProperty("scope", out _), "an inactive answer must carry nothing else");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJvcmRlcnMiLCJzY29wZSI6Im9yZGVycy5yZWFkIn0.")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task Introspection_of_a_forged_or_malformed_token_says_inactive(string token)
    {
        var (status, body, _) = await OAuth.PostFormAsync(shared.Server.Client, "connect/introspect", new Dictionary<string, string> { ["token"] = token }, Caller);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        var token = await OAuth.AccessTokenAsync(shared.Server.Client);

        var (status, body, _) = await OAuth.PostFormAsync(shared.Server.Client, "connect/introspect",
            new Dictionary<string, string> { ["token"] = token }, (AuthServerHost.ClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }
}
