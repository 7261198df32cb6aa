namespace Stratus.Hosting;

/// <summary>
/// The parts <c>builder.AddStratus()</c> turned on for this service, decided from configuration after the config
/// server's first answer (a switch kept only in the config repository counts). Ask it instead of reading the keys again,
/// for example to require scopes on endpoints only when the service validates bearer tokens:
/// <c>app.Services.GetStratusFeatures().ResourceServer</c>. It does not change while the service runs: a value that only
/// a later refresh brings turns no part on.
/// </summary>
public sealed class StratusFeatures
{
    internal StratusFeatures(StratusParts parts)
    {
        ConfigClient = parts.ConfigClient;
        Discovery = parts.Discovery;
        Bus = parts.Bus is not null;
        ResourceServer = parts.ResourceServer;
    }

    /// <summary>
    /// Whether the config client is on: a config server is configured (<c>Stratus:Config:*</c>,
    /// <c>spring:cloud:config:*</c> or <c>spring:config:import=configserver:</c>) or <c>Stratus:Config:Enabled</c> is
    /// true, and <c>Stratus:Config:Enabled</c> is not false. Default: <see langword="false"/>.
    /// </summary>
    public bool ConfigClient { get; }

    /// <summary>
    /// Whether discovery registration, resolution and client-side load balancing are on: a registry is configured
    /// (<c>Stratus:Discovery:*</c>, <c>eureka:client:*</c> or <c>eureka:instance:*</c>) or <c>Stratus:Discovery:Enabled</c>
    /// is true, and it is not false. Default: <see langword="false"/>.
    /// </summary>
    public bool Discovery { get; }

    /// <summary>
    /// Whether Spring Cloud Bus is on: <c>Stratus:Bus:Enabled</c> is true with a RabbitMQ or Kafka binder configured.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool Bus { get; }

    /// <summary>
    /// Whether the service is a resource server: bearer JWT validation is the default authentication scheme and scope
    /// and role policies work, because <c>Stratus:Security:ResourceServer:Issuer</c>, <c>Authority</c>, <c>JwksUri</c> or
    /// <c>IssuerServiceId</c> is set (locally or by the config server). Other keys of that section alone (an
    /// <c>Audience</c>) do not make one. Default: <see langword="false"/>.
    /// </summary>
    public bool ResourceServer { get; }
}
