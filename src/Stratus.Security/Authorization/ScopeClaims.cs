using System.Security.Claims;

namespace Stratus.Security.Authorization;

/// <summary>
/// The scopes a caller's token grants: the <c>scope</c> claim (RFC 8693 4.2: a space-separated string) or <c>scp</c>
/// (an array, as some issuers write it), and Spring's <c>SCOPE_x</c> entries of an <c>authorities</c> claim.
/// </summary>
internal static class ScopeClaims
{
    private const string AuthorityPrefix = "SCOPE_";

    public static bool Grants(ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.Claims)
        {
            switch (claim.Type)
            {
                case "scope" or "scp":
                    foreach (var range in claim.Value.AsSpan().Split(' '))
                    {
                        if (claim.Value.AsSpan()[range].SequenceEqual(scope))
                        {
                            return true;
                        }
                    }

                    break;
                case "authorities":
                    if (claim.Value.Length == AuthorityPrefix.Length + scope.Length
                        && claim.Value.StartsWith(AuthorityPrefix, StringComparison.Ordinal)
                        && claim.Value.EndsWith(scope, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The first of <paramref name="scopes"/> the caller lacks, or <see langword="null"/>.</summary>
    public static string? FirstMissing(ClaimsPrincipal user, IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (!Grants(user, scope))
            {
                return scope;
            }
        }

        return null;
    }
}
