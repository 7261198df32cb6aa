using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tokens;

/// <summary>
/// The <c>error_description</c> of a 401 (RFC 6750 3.1): a fixed sentence per failure, never the token nor the
/// library's message (which may quote parts of it), and free of quotes and backslashes so the header stays well formed.
/// </summary>
internal static class TokenFailure
{
    public const string Oversized = "The token is over 16 KB";
    public const string NotCompactJws = "The token is not a signed JWT in compact form (three base64url parts)";
    public const string TwoHeaders = "The request carries more than one Authorization header";
    public const string Compressed = "Compressed tokens (zip header) are not accepted";
    public const string KeysUnavailable = "The issuer's signing keys could not be fetched";

    /// <summary>Names the algorithm when that is why the signature failed: <c>none</c> and HMAC never verify here.</summary>
    public static string Describe(Exception failure, string token)
    {
        var description = Describe(failure);
        if (failure is SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException
            && Algorithm(token) is { } algorithm && !JwtBearerSetup.Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return algorithm.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? "The token is not signed (alg none)"
                : EchoedAlgorithms.Contains(algorithm, StringComparer.Ordinal)
                    ? $"The signing algorithm {algorithm} is not accepted (RSA, RSA-PSS or ECDSA only)"
                    : "The signing algorithm is not accepted (RSA, RSA-PSS or ECDSA only)";
        }

        return description;
    }

    /// <summary>JWA names that may be echoed back; anything else the token says is not repeated.</summary>
    private static readonly string[] EchoedAlgorithms = ["HS256", "HS384", "HS512", "none"];

    private static string? Algorithm(string token)
    {
        try
        {
            return new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Alg;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string Describe(Exception failure)
    {
        if (failure is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            failure = aggregate.InnerExceptions[0];
        }

        // Most specific first: several of these types derive from others.
        return failure switch
        {
            TokenRejectedException rejected => rejected.Message,
            SecurityTokenInvalidAudienceException => "The audience is invalid",
            SecurityTokenInvalidIssuerException => "The issuer is invalid",
            SecurityTokenNoExpirationException => "The token has no expiration (exp)",
            SecurityTokenNotYetValidException => "The token is not valid yet (nbf)",
            SecurityTokenExpiredException => "The token is expired",
            SecurityTokenInvalidLifetimeException => "The token lifetime is invalid",
            SecurityTokenInvalidAlgorithmException => "The signing algorithm is not accepted (RSA, RSA-PSS or ECDSA only)",
            SecurityTokenSignatureKeyNotFoundException => "The signature key was not found",
            SecurityTokenInvalidSignatureException => "The signature is invalid",
            SecurityTokenMalformedException or ArgumentException or FormatException or System.Text.Json.JsonException => "The token is malformed",
            _ => "The token is invalid",
        };
    }
}
