namespace Stratus.Config;

/// <summary>Discovery-first lookup of the config server in a Eureka-compatible registry.</summary>
public sealed class ConfigClientDiscoveryOptions
{
    /// <summary>Look the server up by <see cref="ServiceId"/> before the first fetch. Default <see langword="false"/>. Spring: <c>spring.cloud.config.discovery.enabled</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Service id of the config server in the registry. Default <c>configserver</c>, Spring's. Spring: <c>spring.cloud.config.discovery.service-id</c>.</summary>
    public string ServiceId { get; set; } = "configserver";

    /// <summary>Registry base URLs, comma separated. Default: <c>Stratus:Discovery:ServiceUrl</c> or <c>eureka.client.serviceUrl.defaultZone</c>, else <c>http://localhost:8761/eureka/</c>.</summary>
    public string? ServiceUrl { get; set; }
}
