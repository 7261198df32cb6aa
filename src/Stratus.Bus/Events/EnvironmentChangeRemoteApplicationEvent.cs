namespace Stratus.Bus.Events;

/// <summary>
/// Sets configuration values on the services that match <see cref="RemoteApplicationEvent.DestinationService"/>, above
/// every other configuration source, until they restart (Spring's <c>EnvironmentChangeRemoteApplicationEvent</c>).
/// </summary>
public sealed record EnvironmentChangeRemoteApplicationEvent : RemoteApplicationEvent
{
    /// <summary>The wire type, <c>EnvironmentChangeRemoteApplicationEvent</c>.</summary>
    public const string TypeName = "EnvironmentChangeRemoteApplicationEvent";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>
    /// The values by Spring property name (<c>app.message</c>, set as the configuration key <c>app:message</c>). A
    /// <see langword="null"/> value removes a value set earlier. Default empty.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
