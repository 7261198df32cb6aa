namespace OStock.Shared;

/// <summary>
/// Scopes on endpoints only when the service is a resource server (<c>app.Services.GetStratusFeatures().ResourceServer</c>),
/// so the sample also runs without an auth server.
/// </summary>
internal static class ScopeConventions
{
    public static TBuilder RequireScopeWhen<TBuilder>(this TBuilder builder, bool secured, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        secured ? builder.RequireScope(scope) : builder;
}
