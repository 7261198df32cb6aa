using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Security.Tests.Support;
using Stratus.Security.Tokens;

namespace Stratus.Security.Tests.Tokens;

/// <summary>A real resource server trusting a real issuer by its OpenID metadata: what passes, and what the claims look like.</summary>
public sealed class ResourceServerTests(ResourceServerFixture fixture) : IClassFixture<ResourceServerFixture>
{
    private static readonly string[] ScpArray = ["orgs.read", "licenses.read"];
    private static readonly string[] SpringAuthorities = ["SCOPE_licenses.read", "ROLE_user"];
    private static readonly string[] BareAuthorities = ["licenses.read"];

    private ServiceApp Service => fixture.Service;

    private TestIssuer Issuer => fixture.Issuer;

    [Theory]
    [InlineData("rsa-1")]
    [InlineData("ec-1")]
    public async Task A_valid_RS256_or_ES256_token_passes_and_its_claims_reach_the_endpoint(string kid)
    {
        using var response = await Service.GetAsync("me", Issuer.Token(kid: kid, subject: "alice-" + kid, scope: "licenses.read orgs.read"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("alice-" + kid, claims["sub"]);
        Assert.Equal("alice-" + kid, claims["name"]);
        Assert.Equal("licenses.read orgs.read", claims["scope"]);
    }

    [Fact]
    public async Task An_authority_written_with_a_trailing_slash_trusts_the_issuer_its_metadata_names()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:Authority"] = Issuer.Address + "/",
            ["Stratus:Security:ResourceServer:Audience"] = TestIssuer.Audience,
        });
        using var accepted = await service.GetAsync("me", Issuer.Token());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var other = await service.GetAsync("me", Issuer.Token(issuer: Issuer.Address + "/other"));
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task No_token_is_a_plain_bearer_challenge_and_public_endpoints_stay_open()
    {
        using var none = await Service.GetAsync("me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        using var open = await Service.GetAsync("public", null);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task A_scope_policy_answers_403_insufficient_scope_and_accepts_scope_scp_and_SCOPE_authorities()
    {
        using (var lacking = await Service.GetAsync("licenses", Issuer.Token(scope: "orgs.read")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, lacking.StatusCode);
            var challenge = lacking.Headers.WwwAuthenticate.ToString();
            Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
            Assert.Contains("scope=\"licenses.read\"", challenge, StringComparison.Ordinal);
            Assert.Contains("error_description=", challenge, StringComparison.Ordinal);
        }

        // A prefix of a granted scope is not the scope.
        using (var prefix = await Service.GetAsync("licenses", Issuer.Token(scope: "licenses.readonly")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, prefix.StatusCode);
        }

        using (var scope = await Service.GetAsync("licenses", Issuer.Token(scope: "orgs.read licenses.read")))
        {
            Assert.Equal(HttpStatusCode.OK, scope.StatusCode);
        }

        using (var scp = await Service.GetAsync("licenses", Issuer.Token(scope: null, claims: new Dictionary<string, object> { ["scp"] = ScpArray })))
        {
            Assert.Equal(HttpStatusCode.OK, scp.StatusCode);
        }

        using (var spring = await Service.GetAsync("licenses", Issuer.Token(scope: null, claims: new Dictionary<string, object> { ["authorities"] = SpringAuthorities })))
        {
            Assert.Equal(HttpStatusCode.OK, spring.StatusCode);
        }

        using var springLacking = await Service.GetAsync("licenses", Issuer.Token(scope: null, claims: new Dictionary<string, object> { ["authorities"] = BareAuthorities }));
        Assert.Equal(HttpStatusCode.Forbidden, springLacking.StatusCode);
    }

    [Fact]
    public async Task Roles_come_from_roles_Keycloak_realm_access_and_Spring_ROLE_authorities()
    {
        using (var none = await Service.GetAsync("admin", Issuer.Token()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
            Assert.DoesNotContain("insufficient_scope", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var shapes = new Dictionary<string, object>[]
        {
            new() { ["roles"] = new[] { "admin" } },
            new() { ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "offline_access", "admin" } } },
            new() { ["authorities"] = new[] { "ROLE_admin" } },
        };
        foreach (var claims in shapes)
        {
            using var response = await Service.GetAsync("admin", Issuer.Token(claims: claims));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_that_passed_is_remembered_by_its_hash_and_a_refused_one_never()
    {
        var cache = Service.App.Services.GetRequiredService<JwtSchemeStates>().Get("Bearer").Cache;
        var good = Issuer.Token(subject: "cached");
        using (var first = await Service.GetAsync("me", good))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.NotNull(cache.Find(good));
        using (var again = await Service.GetAsync("me", good))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("cached", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var bad = Issuer.Token(audience: "someone-else");
        using (var refused = await Service.GetAsync("me", bad))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Null(cache.Find(bad));

        // A remembered token still meets each endpoint's own policy.
        using var scoped = await Service.GetAsync("admin", good);
        Assert.Equal(HttpStatusCode.Forbidden, scoped.StatusCode);
    }
}
