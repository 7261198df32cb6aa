using Aspire.Hosting.ApplicationModel;
using Stratus.Aspire.Hosting.Cli;

namespace Aspire.Hosting;

/// <summary>
/// Adds the <c>stratus</c> server roles to an Aspire application as executables (no container engine needed).
/// </summary>
/// <remarks>
/// Each resource runs <c>stratus &lt;role&gt; --urls=http://localhost:{target port}</c> in the AppHost's folder. The CLI is
/// the AppHost configuration value <c>Stratus:Aspire:CliPath</c> (a <c>stratus.dll</c>, run with <c>dotnet exec</c>, or
/// a <c>stratus</c> executable; relative paths are relative to the AppHost's folder), or <c>WithStratusCli</c> on one
/// resource; by default the <c>stratus</c> dotnet tool on <c>PATH</c> (<c>dotnet tool install -g Stratus.Cli</c>).
/// Every resource has an HTTP endpoint named <c>http</c> (proxied by Aspire on <c>port</c>, or on a free port when
/// <c>port</c> is <see langword="null"/>), an HTTP health check on <c>/actuator/health</c>, and
/// <c>DOTNET_ENVIRONMENT</c> set to the AppHost's environment, and traces and metrics sent to the dashboard
/// (<see cref="StratusOtlpExtensions.WithStratusOtlpExporter"/>).
/// </remarks>
public static class StratusResourceBuilderExtensions
{
    /// <summary>The health path every <c>stratus</c> role serves: <c>/actuator/health</c>.</summary>
    public const string HealthPath = "/actuator/health";

    /// <summary>Adds <c>stratus registry</c>, the Eureka-compatible registry (Spring's port is 8761).</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port Aspire exposes it on; <see langword="null"/> (default) picks a free one.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusRegistryResource> AddStratusRegistry(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStratusServer(new StratusRegistryResource(name, CliOf(builder), builder.AppHostDirectory), port);
    }

    /// <summary>
    /// Adds <c>stratus config-server</c>, the Spring Cloud Config-compatible server (Spring's port is 8888). Give it its
    /// repository with <see cref="StratusConfigServerBuilderExtensions.WithConfigRepository"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port Aspire exposes it on; <see langword="null"/> (default) picks a free one.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusConfigServerResource> AddStratusConfigServer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new StratusConfigServerResource(name, CliOf(builder), builder.AppHostDirectory);
        return builder.AddStratusServer(resource, port).WithEnvironment(context => StratusConfigServerBuilderExtensions.ApplyRepository(resource, context));
    }

    /// <summary>
    /// Adds <c>stratus gateway</c>, the API gateway (Spring's port is 8080). Add routes with
    /// <see cref="StratusGatewayBuilderExtensions.WithRoute"/> or turn on the discovery locator with
    /// <see cref="StratusGatewayBuilderExtensions.WithDiscoveryLocator"/>; reference a registry for <c>lb://</c> routes.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port Aspire exposes it on; <see langword="null"/> (default) picks a free one.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusGatewayResource> AddStratusGateway(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStratusServer(new StratusGatewayResource(name, CliOf(builder), builder.AppHostDirectory), port);
    }

    /// <summary>
    /// Adds <c>stratus auth-server</c>, the OAuth2/OpenID Connect authorisation server (Spring's port is 9000). Its
    /// <c>Stratus:AuthServer:Issuer</c> is its own endpoint URL with a trailing slash, so tokens and the resource servers
    /// that reference it agree. The demo client and user follow the role's rule (on in <c>Development</c>) unless
    /// <see cref="StratusAuthServerBuilderExtensions.WithDemo"/> says otherwise.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port Aspire exposes it on; <see langword="null"/> (default) picks a free one.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusAuthServerResource> AddStratusAuthServer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new StratusAuthServerResource(name, CliOf(builder), builder.AppHostDirectory);
        return builder.AddStratusServer(resource, port)
            .WithEnvironment("Stratus__AuthServer__Issuer", ReferenceExpression.Create($"{resource.HttpEndpoint.Property(EndpointProperty.Url)}/"));
    }

    /// <summary>
    /// Runs this resource with another <c>stratus</c>: a <c>stratus.dll</c> (run with <c>dotnet exec</c>), an executable
    /// path, or a command on <c>PATH</c>. Relative paths are relative to the AppHost's folder.
    /// </summary>
    /// <typeparam name="T">The Stratus resource type.</typeparam>
    /// <param name="builder">The resource builder.</param>
    /// <param name="path">The CLI to run.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<T> WithStratusCli<T>(this IResourceBuilder<T> builder, string path)
        where T : StratusServerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var cli = StratusCliCommand.From(path, builder.ApplicationBuilder.AppHostDirectory);
        builder.Resource.Cli = cli;
        return builder.WithCommand(cli.Command);
    }

    private static StratusCliCommand CliOf(IDistributedApplicationBuilder builder) =>
        StratusCliCommand.From(builder.Configuration[StratusCliCommand.ConfigurationKey], builder.AppHostDirectory);

    private static IResourceBuilder<T> AddStratusServer<T>(this IDistributedApplicationBuilder builder, T resource, int? port)
        where T : StratusServerResource
    {
        var environment = builder.Environment.EnvironmentName;
        return builder.AddResource(resource)
            .WithHttpEndpoint(port: port, name: StratusServerResource.HttpEndpointName)
            .WithArgs(context =>
            {
                foreach (var argument in resource.Cli.PrefixArguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add(resource.Role);
                context.Args.Add(ReferenceExpression.Create($"--urls=http://localhost:{resource.HttpEndpoint.Property(EndpointProperty.TargetPort)}"));
            })
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithStratusOtlpExporter()
            .WithHttpHealthCheck(HealthPath, endpointName: StratusServerResource.HttpEndpointName);
    }
}
