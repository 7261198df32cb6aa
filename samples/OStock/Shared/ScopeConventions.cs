namespace OStock.Shared;

/// <summary>Scopes on endpoints only when the service is a resource server, so the sample also runs without an auth server.</summary>
internal static class ScopeConventions
{
    private static readonly string[] IssuerKeys = ["Issuer", "Authority", "JwksUri", "IssuerServiceId"];

    /// <summary>The keys that make <c>AddStratus()</c> turn the resource server on (docs/hosting.md).</summary>
    public static bool IsResourceServer(IConfiguration configuration)
    {
        var section = configuration.GetSection("Stratus:Security:ResourceServer");
        return IssuerKeys.Any(k => !string.IsNullOrWhiteSpace(section[k]));
    }

    public static TBuilder RequireScopeWhen<TBuilder>(this TBuilder builder, bool secured, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        secured ? builder.RequireScope(scope) : builder;
}
