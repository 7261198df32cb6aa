using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Configures a <see cref="StratusAuthServerResource"/>.</summary>
public static class StratusAuthServerBuilderExtensions
{
    /// <summary>
    /// Seeds (or not) the demo client, scopes and user (<c>Stratus:AuthServer:EnableDemo</c>). Without this call the role
    /// decides: on in <c>Development</c>, off elsewhere.
    /// </summary>
    /// <param name="builder">The auth server resource builder.</param>
    /// <param name="enabled">Whether to seed the demo data; <see langword="true"/> by default.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusAuthServerResource> WithDemo(this IResourceBuilder<StratusAuthServerResource> builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEnvironment("Stratus__AuthServer__EnableDemo", enabled ? "true" : "false");
    }
}
