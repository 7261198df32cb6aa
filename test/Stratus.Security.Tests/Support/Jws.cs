using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tests.Support;

/// <summary>Hand-made compact JWS, for the tokens no well-behaved library would produce.</summary>
public static class Jws
{
    public static string B64(string text) => Base64UrlEncoder.Encode(text);

    public static string Payload(TestIssuer issuer, bool withExp = true)
    {
        var now = TimeProvider.System.GetUtcNow();
        var exp = withExp ? $",\"exp\":{now.AddHours(1).ToUnixTimeSeconds()}" : string.Empty;
        return $$"""{"iss":"{{issuer.Issuer}}","aud":"{{TestIssuer.Audience}}","sub":"mallory","scope":"licenses.read","iat":{{now.AddMinutes(-1).ToUnixTimeSeconds()}},"nbf":{{now.AddMinutes(-1).ToUnixTimeSeconds()}}{{exp}}}""";
    }

    /// <summary>Signs header and payload with RS256 (an RSA key) or ES256 (an ECDSA key, IEEE P1363 r||s).</summary>
    public static string Sign(string header, string payload, AsymmetricAlgorithm key)
    {
        var input = B64(header) + "." + B64(payload);
        var bytes = Encoding.ASCII.GetBytes(input);
        var signature = key switch
        {
            RSA rsa => rsa.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(bytes, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA only", nameof(key)),
        };
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    public static string Hmac(string header, string payload, byte[] secret)
    {
        var input = B64(header) + "." + B64(payload);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    public static string WithoutSignature(string header, string payload) => B64(header) + "." + B64(payload) + ".";

    public static string WithSignature(string header, string payload, byte[] signature) =>
        B64(header) + "." + B64(payload) + "." + Base64UrlEncoder.Encode(signature);
}
