using System.Security.Claims;

namespace Stratus.Gateway.Security;

/// <summary>
/// What a route asks of the caller, from its metadata: <c>auth-required: true</c>, <c>auth-scopes</c> (all of them, from
/// the token's <c>scope</c>/<c>scp</c>, Spring's <c>SCOPE_x</c> authorities included) and <c>auth-roles</c> (any of them).
/// </summary>
internal sealed record RouteAuthorization(IReadOnlyList<string> Scopes, IReadOnlyList<string> Roles)
{
    public static RouteAuthorization? From(IReadOnlyDictionary<string, string> metadata, string label, List<string> errors)
    {
        var required = metadata.TryGetValue("auth-required", out var text) && bool.TryParse(text, out var value) && value;
        if (text is not null && !bool.TryParse(text, out _))
        {
            errors.Add($"{label}: metadata auth-required '{text}' is not true or false");
        }

        var scopes = Split(metadata, "auth-scopes");
        var roles = Split(metadata, "auth-roles");
        return required || scopes.Length > 0 || roles.Length > 0 ? new RouteAuthorization(scopes, roles) : null;
    }

    /// <summary>The missing scope or role, or <see langword="null"/> when the caller may pass.</summary>
    public string? Missing(ClaimsPrincipal user)
    {
        if (Stratus.Security.Authorization.ScopeClaims.FirstMissing(user, Scopes) is { } scope)
        {
            return "scope " + scope;
        }

        if (Roles.Count > 0 && !Roles.Any(role => user.IsInRole(role) || user.HasClaim("roles", role) || user.HasClaim("role", role)))
        {
            return "role " + string.Join(" or ", Roles);
        }

        return null;
    }

    private static string[] Split(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) ? text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) : [];
}
