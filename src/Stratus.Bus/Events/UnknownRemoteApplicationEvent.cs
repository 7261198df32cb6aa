namespace Stratus.Bus.Events;

/// <summary>
/// An event whose <c>type</c> is missing or not one of the kinds above (a custom Java event, say), as Spring's
/// <c>UnknownRemoteApplicationEvent</c>. It is read, logged at debug level and ignored; it cannot be published.
/// </summary>
public sealed record UnknownRemoteApplicationEvent : RemoteApplicationEvent
{
    /// <summary>The wire type of this placeholder, <c>UnknownRemoteApplicationEvent</c>.</summary>
    public const string TypeName = "UnknownRemoteApplicationEvent";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The <c>type</c> the message carried, or <see langword="null"/> when it had none.</summary>
    public string? TypeInfo { get; init; }

    internal override string? JavaClassName => null;
}
