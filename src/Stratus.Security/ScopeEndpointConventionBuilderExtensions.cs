using Microsoft.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Scope requirements on endpoints: <c>app.MapGet("/licenses", ...).RequireScope("licenses.read")</c>.</summary>
public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>Requires an authenticated caller whose token grants every scope listed (403 <c>insufficient_scope</c> otherwise).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="scopes">The scopes, all required.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new AuthorizationPolicyBuilder().RequireScope(scopes).Build();
        return builder.RequireAuthorization(policy);
    }
}
