namespace Stratus.Bus.Events;

/// <summary>
/// Asks the services that match <see cref="RemoteApplicationEvent.DestinationService"/> to stop (Spring's
/// <c>ShutdownRemoteApplicationEvent</c>). Stratus services act on it only when <c>Stratus:Bus:Shutdown:Enabled</c> is true.
/// </summary>
public sealed record ShutdownRemoteApplicationEvent : RemoteApplicationEvent
{
    /// <summary>The wire type, <c>ShutdownRemoteApplicationEvent</c>.</summary>
    public const string TypeName = "ShutdownRemoteApplicationEvent";

    /// <inheritdoc />
    public override string Type => TypeName;
}
