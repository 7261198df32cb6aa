namespace Stratus.Security.Tokens;

/// <summary>Reads the token of an <c>Authorization: Bearer</c> header (RFC 6750 2.1) and checks its outline.</summary>
internal static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, or <see langword="null"/> when the header is not a bearer credential.</summary>
    public static string? From(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization.AsSpan(Prefix.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    /// <summary>Three non-empty-header base64url parts (header, payload, signature): a JWS, not a JWE (five) nor anything else.</summary>
    public static bool IsCompactJws(string token)
    {
        var dots = 0;
        foreach (var c in token)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return dots == 2 && token[0] != '.';
    }
}
