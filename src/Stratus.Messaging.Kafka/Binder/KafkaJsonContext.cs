using System.Text.Json.Serialization;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>Source-generated JSON for header values and <c>spring_json_header_types</c> (no reflection, AOT-safe).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(Guid))]
internal sealed partial class KafkaJsonContext : JsonSerializerContext;
