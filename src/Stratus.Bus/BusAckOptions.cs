namespace Stratus.Bus;

/// <summary>Acknowledgements: after handling an event addressed to it, an instance publishes an <c>AckRemoteApplicationEvent</c>.</summary>
public sealed class BusAckOptions
{
    /// <summary>Send acks. Default <see langword="true"/> (Spring's). Spring: <c>spring.cloud.bus.ack.enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The destination of acks. Default <see langword="null"/>: <c>**</c>, every service. Spring:
    /// <c>spring.cloud.bus.ack.destination-service</c>.
    /// </summary>
    public string? DestinationService { get; set; }
}
