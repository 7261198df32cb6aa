using Microsoft.AspNetCore.Authorization;
using Stratus.Security.Authorization;

namespace Stratus.Security;

/// <summary>
/// Requires every listed scope, from the token's <c>scope</c>/<c>scp</c> claims or Spring's <c>SCOPE_x</c> authorities.
/// A caller that lacks one gets 403 with <c>WWW-Authenticate: Bearer error="insufficient_scope"</c>.
/// </summary>
public sealed class ScopeRequirement : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="scopes">The scopes, all required.</param>
    public ScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes];
        if (Scopes.Count == 0 || Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)))
        {
            throw new ArgumentException("at least one scope is required, each non-blank, without spaces or quotes", nameof(scopes));
        }
    }

    /// <summary>The scopes, all required.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <inheritdoc/>
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity?.IsAuthenticated == true && ScopeClaims.FirstMissing(context.User, requirement.Scopes) is null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"ScopeRequirement: {string.Join(' ', Scopes)}";
}
