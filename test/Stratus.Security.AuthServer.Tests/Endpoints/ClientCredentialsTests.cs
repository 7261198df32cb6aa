using System.Net;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Endpoints;

public sealed class ClientCredentialsTests(SharedServer shared)
{
    [Fact]
    public async Task Client_credentials_token_is_an_RS256_jwt_with_kid_iss_aud_exp_scope_and_client_id_that_the_jwks_verifies()
    {
        var server = shared.Server;
        var (status, body, response) = await OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read audit.read");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        // expires_in counts down from the token's issue; a loaded machine may take seconds to answer. The exact
        // lifetime is checked below on the token's own iat/exp.
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 240, 300);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var token = body.GetProperty("access_token").GetString()!;
        var jwt = OAuth.Read(token);
        var jwks = await OAuth.JwksAsync(server.Client);

        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(Assert.Single(jwks.Keys).Kid, jwt.Kid);
        Assert.Equal(server.Issuer, jwt.Issuer);
        Assert.Equal(["audit-service", "orders-service"], jwt.Audiences.Order());
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal("orders.read audit.read", jwt.GetClaim("scope").Value);
        Assert.Equal(AuthServerHost.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(AuthServerHost.ClientId, jwt.Subject);
        Assert.False(string.IsNullOrEmpty(jwt.Id));

        var validation = await OAuth.ValidateAsync(token, jwks, server.Issuer, "orders-service");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var forged = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        Assert.False((await OAuth.ValidateAsync(forged, jwks, server.Issuer, "orders-service")).IsValid);
    }

    [Fact]
    public async Task Concurrent_token_requests_all_get_their_own_token()
    {
        // Every token is a row: concurrent writers queue on the SQLite write gate instead of failing or stalling.
        var tokens = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => OAuth.AccessTokenAsync(shared.Server.Client)));

        Assert.Equal(24, tokens.Select(t => OAuth.Read(t).Id).Distinct().Count());
    }

    [Fact]
    public async Task Scopes_without_resources_make_the_client_its_own_audience()
    {
        var token = await OAuth.AccessTokenAsync(shared.Server.Client, "plain");

        Assert.Equal([AuthServerHost.ClientId], OAuth.Read(token).Audiences);
    }

    [Fact]
    public async Task Client_secret_posted_in_the_form_works_as_well_as_basic()
    {
        var (status, body, _) = await OAuth.PostFormAsync(shared.Server.Client, "connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = AuthServerHost.ClientId,
            ["client_secret"] = AuthServerHost.ClientSecret,
            ["scope"] = "orders.write",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("orders.write", OAuth.Read(body.GetProperty("access_token").GetString()!).GetClaim("scope").Value);
    }

    [Theory]
    [InlineData(AuthServerHost.ClientId, "wrong-secret")]
    [InlineData("nobody", "whatever")]
    public async Task Wrong_or_unknown_client_credentials_get_401_invalid_client(string clientId, string secret)
    {
        var (status, body, _) = await OAuth.ClientCredentialsAsync(shared.Server.Client, clientId, secret, "orders.read");

        Assert.True(status == HttpStatusCode.Unauthorized, $"{status} {body}");
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Confidential_client_without_its_secret_gets_400_invalid_request()
    {
        var (status, body, _) = await OAuth.PostFormAsync(shared.Server.Client, "connect/token",
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = AuthServerHost.ClientId });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("unknown.scope")]
    [InlineData("orders.read unknown.scope")]
    public async Task Unknown_scope_gets_400_invalid_scope(string scope)
    {
        var (status, body, _) = await OAuth.ClientCredentialsAsync(shared.Server.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, scope);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Scope_the_client_may_not_ask_for_is_refused()
    {
        // The web client is registered for the code flow and orders.read only.
        var (status, body, _) = await OAuth.ClientCredentialsAsync(shared.Server.Client, AuthServerHost.WebClientId, AuthServerHost.WebClientSecret, "orders.read");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("", "invalid_request")]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer", "unsupported_grant_type")]
    public async Task Missing_or_unsupported_grant_type_is_a_400_with_its_error(string grantType, string error)
    {
        var (status, body, _) = await OAuth.PostFormAsync(shared.Server.Client, "connect/token",
            new Dictionary<string, string> { ["grant_type"] = grantType }, (AuthServerHost.ClientId, AuthServerHost.ClientSecret));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body.GetProperty("error").GetString());
    }
}
