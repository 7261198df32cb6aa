using System.Text.Json.Serialization;

namespace Stratus.Bus.Events;

/// <summary>Type info for the bus event, for applications whose messaging JSON resolves types through source-generated contexts.</summary>
[JsonSerializable(typeof(RemoteApplicationEvent))]
internal sealed partial class BusJsonContext : JsonSerializerContext;
