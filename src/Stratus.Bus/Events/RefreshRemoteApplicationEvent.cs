namespace Stratus.Bus.Events;

/// <summary>
/// Asks the services that match <see cref="RemoteApplicationEvent.DestinationService"/> to refresh their configuration
/// from the config server, as <c>POST /actuator/refresh</c> does (Spring's <c>RefreshRemoteApplicationEvent</c>).
/// </summary>
public sealed record RefreshRemoteApplicationEvent : RemoteApplicationEvent
{
    /// <summary>The wire type, <c>RefreshRemoteApplicationEvent</c>.</summary>
    public const string TypeName = "RefreshRemoteApplicationEvent";

    /// <inheritdoc />
    public override string Type => TypeName;
}
