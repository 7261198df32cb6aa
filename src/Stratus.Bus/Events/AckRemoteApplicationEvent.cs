namespace Stratus.Bus.Events;

/// <summary>
/// Sent by a service after it handled an event addressed to it, when acks are on (Spring's
/// <c>AckRemoteApplicationEvent</c>). Services do not act on acks; they are for auditing.
/// </summary>
public sealed record AckRemoteApplicationEvent : RemoteApplicationEvent
{
    /// <summary>The wire type, <c>AckRemoteApplicationEvent</c>.</summary>
    public const string TypeName = "AckRemoteApplicationEvent";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The <see cref="RemoteApplicationEvent.Id"/> of the event acknowledged.</summary>
    public string? AckId { get; init; }

    /// <summary>The <see cref="RemoteApplicationEvent.DestinationService"/> of the event acknowledged.</summary>
    public string? AckDestinationService { get; init; }

    /// <summary>The Java class name of the event acknowledged, for example <c>org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent</c>.</summary>
    public string? Event { get; init; }
}
