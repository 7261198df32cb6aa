using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Stratus.Security.Tokens;

/// <summary>
/// Roles other issuers put elsewhere, added as <c>roles</c> claims once at validation: Keycloak's
/// <c>realm_access.roles</c> and Spring's <c>ROLE_x</c> entries of an <c>authorities</c> claim.
/// </summary>
internal static class ClaimsMapping
{
    public const string RolesClaim = "roles";

    public static void AddRoles(ClaimsPrincipal principal, JsonWebToken? token)
    {
        if (principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var added = new List<string>();
        foreach (var claim in identity.FindAll("realm_access"))
        {
            ReadRealmRoles(claim.Value, added);
        }

        foreach (var claim in identity.FindAll("authorities"))
        {
            if (claim.Value.StartsWith("ROLE_", StringComparison.Ordinal) && claim.Value.Length > 5)
            {
                added.Add(claim.Value[5..]);
            }
        }

        foreach (var role in added.Distinct(StringComparer.Ordinal))
        {
            if (!identity.HasClaim(RolesClaim, role))
            {
                identity.AddClaim(new Claim(RolesClaim, role, ClaimValueTypes.String, token?.Issuer));
            }
        }
    }

    private static void ReadRealmRoles(string json, List<string> roles)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var role in list.EnumerateArray())
                {
                    if (role.ValueKind == JsonValueKind.String && role.GetString() is { Length: > 0 } name)
                    {
                        roles.Add(name);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A realm_access that is not an object with a roles array grants no role.
        }
    }
}
