using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Stratus.Security.Tests.Support;

namespace Stratus.Security.Tests.Tokens;

/// <summary>
/// The hostile token corpus (PROTOCOLS.md, security row; RFC 8725): each is refused with 401, a bearer challenge with
/// an error description, no request to any URL the token names, and no log line holding the token.
/// </summary>
public sealed class HostileTokenTests(ResourceServerFixture fixture) : IClassFixture<ResourceServerFixture>
{
    private TestIssuer Issuer => fixture.Issuer;

    [Theory]
    [InlineData("forged-signature", "The signature is invalid")]
    [InlineData("expired", "The token is expired")]
    [InlineData("not-yet-valid", "The token is not valid yet")]
    [InlineData("wrong-audience", "The audience is invalid")]
    [InlineData("wrong-issuer", "The issuer is invalid")]
    [InlineData("missing-exp", "The token has no expiration")]
    [InlineData("alg-none", "The token is not signed (alg none)")]
    [InlineData("hs256-with-public-key", "The signing algorithm HS256 is not accepted")]
    [InlineData("ecdsa-r-s-zero", "The signature is invalid")]
    [InlineData("unknown-kid", "The signature key was not found")]
    [InlineData("jku-to-attacker", "The signature key was not found")]
    [InlineData("x5u-to-attacker", "The signature key was not found")]
    [InlineData("oversized", "The token is over 16 KB")]
    [InlineData("bad-base64", "The token is not a signed JWT in compact form")]
    [InlineData("bad-json", "The token is malformed")]
    [InlineData("zip-header", "Compressed tokens (zip header) are not accepted")]
    [InlineData("compressed-jwe", "The token is not a signed JWT in compact form")]
    public async Task A_hostile_token_is_refused_with_401_and_a_description_and_never_logged(string attack, string description)
    {
        var token = Build(attack);
        using var response = await fixture.Service.GetAsync("me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer error=\"invalid_token\", error_description=\"", challenge, StringComparison.Ordinal);
        Assert.True(challenge.Contains(description, StringComparison.Ordinal), challenge);
        Assert.Equal(0, fixture.Attacker.Requests);
        Assert.Contains(fixture.Service.Logs.Lines, line => line.Contains("3120", StringComparison.Ordinal) && line.Contains(description, StringComparison.Ordinal));
        var parts = token.Split('.');
        var secretParts = parts.Where(p => p.Length >= 16).Append(token).ToList();
        Assert.DoesNotContain(fixture.Service.Logs.Lines, line => secretParts.Any(p => line.Contains(p, StringComparison.Ordinal)));
    }

    private string Build(string attack)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var rsa = ((RsaSecurityKey)Issuer.Key("rsa-1")).Rsa;
        var payload = Jws.Payload(Issuer);
        switch (attack)
        {
            case "forged-signature":
                return Jws.Sign("""{"alg":"RS256","kid":"rsa-1","typ":"JWT"}""", payload, KeyPool.Rsa("forger"));
            case "expired":
                return Issuer.Token(expires: now.AddMinutes(-5), notBefore: now.AddHours(-2));
            case "not-yet-valid":
                return Issuer.Token(notBefore: now.AddMinutes(5));
            case "wrong-audience":
                return Issuer.Token(audience: "someone-else");
            case "wrong-issuer":
                return Issuer.Token(issuer: "https://evil.example");
            case "missing-exp":
                return Jws.Sign("""{"alg":"RS256","kid":"rsa-1","typ":"JWT"}""", Jws.Payload(Issuer, withExp: false), rsa);
            case "alg-none":
                return Jws.WithoutSignature("""{"alg":"none","typ":"JWT"}""", payload);
            case "hs256-with-public-key":
                return Jws.Hmac("""{"alg":"HS256","kid":"rsa-1","typ":"JWT"}""", payload, Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
            case "ecdsa-r-s-zero":
                // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified as valid in some ECDSA implementations.
                return Jws.WithSignature("""{"alg":"ES256","kid":"ec-1","typ":"JWT"}""", payload, new byte[64]);
            case "unknown-kid":
                return Jws.Sign("""{"alg":"RS256","kid":"nobody","typ":"JWT"}""", payload, KeyPool.Rsa("nobody"));
            case "jku-to-attacker":
                return Jws.Sign($$"""{"alg":"RS256","kid":"attacker","jku":"{{fixture.Attacker.Address}}/jwks","typ":"JWT"}""", payload, fixture.Attacker.Key.Rsa);
            case "x5u-to-attacker":
                return Jws.Sign($$"""{"alg":"RS256","kid":"attacker","x5u":"{{fixture.Attacker.Address}}/cert.pem","typ":"JWT"}""", payload, fixture.Attacker.Key.Rsa);
            case "oversized":
                return Issuer.Token(scope: "licenses.read " + new string('x', 20_000));
            case "bad-base64":
                return "eyJhbGciOiJSUzI1NiJ9!.e30=.c2lnbmF0dXJl";
            case "bad-json":
                return Jws.B64("""{"alg":"RS256",""") + "." + Jws.B64("{}") + ".c2lnbmF0dXJl";
            case "zip-header":
                return Jws.Sign("""{"alg":"RS256","kid":"rsa-1","zip":"DEF","typ":"JWT"}""", payload, rsa);
            case "compressed-jwe":
                return Jws.B64("""{"alg":"RSA-OAEP","enc":"A256GCM","zip":"DEF","kid":"rsa-1"}""") + ".a2V5.aXY.Y2lwaGVy.dGFn";
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "unknown attack");
        }
    }
}
