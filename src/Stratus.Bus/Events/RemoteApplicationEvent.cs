using System.Text.Json.Serialization;

namespace Stratus.Bus.Events;

/// <summary>
/// A Spring Cloud Bus event, Spring's <c>RemoteApplicationEvent</c>. On the wire it is JSON with a <c>type</c>
/// discriminator holding the simple class name, <c>timestamp</c> (epoch milliseconds), <c>originService</c> (the sender's
/// bus id), <c>destinationService</c> (a <c>:</c>-separated path pattern of the bus ids that should act) and <c>id</c> (a
/// UUID), plus the fields of each kind. The kinds are fixed: events of other types are read as
/// <see cref="UnknownRemoteApplicationEvent"/> and ignored.
/// </summary>
[JsonConverter(typeof(RemoteApplicationEventJsonConverter))]
public abstract record RemoteApplicationEvent
{
    private protected RemoteApplicationEvent()
    {
    }

    /// <summary>The <c>type</c> written on the wire: Spring's simple class name, for example <c>RefreshRemoteApplicationEvent</c>.</summary>
    public abstract string Type { get; }

    /// <summary>A unique id, a random UUID in lower-case text by default. Acks name it in <see cref="AckRemoteApplicationEvent.AckId"/>.</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString();

    /// <summary>When the event was made, to the millisecond. Left at its default, the publisher sets it to now.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The bus id of the sender. Left <see langword="null"/>, the publisher sets its own bus id.</summary>
    public string? OriginService { get; init; }

    /// <summary>
    /// Which bus ids should act: a path pattern over <c>:</c>-separated ids (<c>customers:**</c>, <c>customers:9000:*</c>,
    /// <c>**</c>). Default <see langword="null"/>, sent as <c>**</c> (every service). A bare name with at most one <c>:</c>
    /// is sent with <c>:**</c> appended, as Spring's <c>PathDestinationFactory</c> does.
    /// </summary>
    public string? DestinationService { get; init; }

    /// <summary>The Java class Spring gives this kind, which an ack names in its <c>event</c> field.</summary>
    internal virtual string? JavaClassName => SpringPackage + Type;

    internal const string SpringPackage = "org.springframework.cloud.bus.event.";
}
