using System.Text.Json.Serialization;

namespace Stratus.ConfigServer.Http;

/// <summary>Source-generated JSON for the few small bodies the server writes with a serializer.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ConfigServerJsonContext : JsonSerializerContext;
