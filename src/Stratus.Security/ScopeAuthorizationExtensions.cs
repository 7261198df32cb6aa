using Stratus.Security;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Scope policies, as Spring Security's <c>hasAuthority('SCOPE_licenses.read')</c>.</summary>
public static class ScopeAuthorizationExtensions
{
    /// <summary>
    /// Requires every scope listed, from the token's <c>scope</c> or <c>scp</c> claim (space-separated text or an
    /// array) or Spring's <c>SCOPE_x</c> <c>authorities</c>.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="scopes">The scopes, all required.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scopes));
    }
}
