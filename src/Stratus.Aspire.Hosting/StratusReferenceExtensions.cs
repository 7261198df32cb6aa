using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// <c>WithReference</c> for Stratus resources: besides Aspire's service discovery variables
/// (<c>services__{name}__http__0</c>), the referencing resource gets the Stratus key that points it at the server.
/// </summary>
public static class StratusReferenceExtensions
{
    /// <summary>
    /// Points <paramref name="builder"/> at the registry: <c>Stratus__Discovery__ServiceUrl={registry url}/eureka/</c>
    /// (a service registers there and resolves <c>http://name</c> through it; a gateway resolves <c>lb://</c> routes).
    /// </summary>
    /// <typeparam name="TDestination">The referencing resource type.</typeparam>
    /// <param name="builder">The referencing resource.</param>
    /// <param name="registry">The registry.</param>
    /// <returns>The referencing resource builder.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<StratusRegistryResource> registry)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(registry);
        return builder.WithStratusReference(registry, "Stratus__Discovery__ServiceUrl", ReferenceExpression.Create($"{registry.Resource.HttpEndpoint.Property(EndpointProperty.Url)}/eureka/"));
    }

    /// <summary>
    /// Points <paramref name="builder"/> at the config server: <c>Stratus__Config__Uri={config server url}</c>.
    /// </summary>
    /// <typeparam name="TDestination">The referencing resource type.</typeparam>
    /// <param name="builder">The referencing resource.</param>
    /// <param name="configServer">The config server.</param>
    /// <returns>The referencing resource builder.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<StratusConfigServerResource> configServer)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(configServer);
        return builder.WithStratusReference(configServer, "Stratus__Config__Uri", ReferenceExpression.Create($"{configServer.Resource.HttpEndpoint.Property(EndpointProperty.Url)}"));
    }

    /// <summary>
    /// Points <paramref name="builder"/> at the auth server as a resource server:
    /// <c>Stratus__Security__ResourceServer__Authority={auth server url}/</c>, the issuer the auth server resource announces.
    /// </summary>
    /// <typeparam name="TDestination">The referencing resource type.</typeparam>
    /// <param name="builder">The referencing resource.</param>
    /// <param name="authServer">The auth server.</param>
    /// <returns>The referencing resource builder.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<StratusAuthServerResource> authServer)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(authServer);
        return builder.WithStratusReference(authServer, "Stratus__Security__ResourceServer__Authority", ReferenceExpression.Create($"{authServer.Resource.HttpEndpoint.Property(EndpointProperty.Url)}/"));
    }

    private static IResourceBuilder<TDestination> WithStratusReference<TDestination, TSource>(this IResourceBuilder<TDestination> builder, IResourceBuilder<TSource> source, string variable, ReferenceExpression value)
        where TDestination : IResourceWithEnvironment
        where TSource : StratusServerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithReference((IResourceBuilder<IResourceWithServiceDiscovery>)source).WithEnvironment(variable, value);
    }
}
