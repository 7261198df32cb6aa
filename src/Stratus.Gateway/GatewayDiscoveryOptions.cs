namespace Stratus.Gateway;

/// <summary>The discovery locator (<c>Stratus:Gateway:Discovery:Locator</c>; Spring: <c>spring.cloud.gateway.discovery.locator</c>).</summary>
public sealed class GatewayDiscoveryOptions
{
    /// <summary>The locator's settings.</summary>
    public GatewayLocatorOptions Locator { get; } = new();
}

/// <summary>
/// A route <c>/{service-id}/**</c> to <c>lb://{service-id}</c> (the prefix removed) for every service the registry lists,
/// after the configured routes, kept in step with the registry.
/// </summary>
public sealed class GatewayLocatorOptions
{
    /// <summary>Make the routes. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Use the service id in lower case in the path (<c>/organization-service/**</c> for <c>ORGANIZATION-SERVICE</c>). Default <see langword="false"/>, Spring's.</summary>
    public bool LowerCaseServiceId { get; set; }
}
