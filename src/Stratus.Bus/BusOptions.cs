namespace Stratus.Bus;

/// <summary>
/// Spring Cloud Bus settings under <c>Stratus:Bus</c>; Spring's <c>spring.cloud.bus.*</c> names are read where the
/// Stratus key is not set.
/// </summary>
public sealed class BusOptions
{
    /// <summary>The configuration section, <c>Stratus:Bus</c>.</summary>
    public const string SectionName = "Stratus:Bus";

    /// <summary>Spring's destination name, <c>springCloudBus</c> (<c>BusConstants.DESTINATION</c>).</summary>
    public const string DefaultDestination = "springCloudBus";

    /// <summary>
    /// Whether <c>builder.AddStratus()</c> and the <c>stratus config-server</c> role turn the bus on (they also need a
    /// binder: <c>Stratus:Messaging:RabbitMQ:Uri</c> or <c>Stratus:Messaging:Kafka:BootstrapServers</c>). Default
    /// <see langword="false"/>: Spring turns the bus on with its starter on the class path; here the key is the starter.
    /// <c>builder.AddStratusBus()</c> does not read it. Spring: <c>spring.cloud.bus.enabled</c>.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This instance's bus id, matched against each event's destination. Default as Spring's:
    /// <c>{spring.application.name}:{spring.application.index or the HTTP port, else 8080}:{32 random hex digits}</c>, with
    /// <c>spring.profiles.active</c> after the name when set; the application name falls back to the host's. Ids must
    /// be unique, or instances take each other's events for their own. Spring: <c>spring.cloud.bus.id</c>.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>
    /// The messaging destination of both bus bindings (<c>springCloudBusInput</c>, <c>springCloudBusOutput</c>) unless a
    /// binding sets its own: a topic exchange on RabbitMQ, a topic on Kafka. Default <c>springCloudBus</c>.
    /// Spring: <c>spring.cloud.bus.destination</c>.
    /// </summary>
    public string Destination { get; set; } = DefaultDestination;

    /// <summary>
    /// The binder <c>AddStratus()</c> and the config server role use: <c>RabbitMQ</c> or <c>Kafka</c>. Default: the one
    /// configured; required only when both are.
    /// </summary>
    public string? Binder { get; set; }

    /// <summary>Acknowledgements of handled events.</summary>
    public BusAckOptions Ack { get; } = new();

    /// <summary>Acting on refresh events (default on). Spring: <c>spring.cloud.bus.refresh.enabled</c>.</summary>
    public BusListenerOptions Refresh { get; } = new() { Enabled = true };

    /// <summary>Acting on environment-change events (default on). Spring: <c>spring.cloud.bus.env.enabled</c>.</summary>
    public BusListenerOptions Env { get; } = new() { Enabled = true };

    /// <summary>
    /// Acting on shutdown events: stopping the application (default off, unlike Spring, where it is on: anyone who can
    /// publish to the broker could stop every service). Spring: <c>spring.cloud.bus.shutdown.enabled</c>.
    /// </summary>
    public BusListenerOptions Shutdown { get; } = new() { Enabled = false };
}
