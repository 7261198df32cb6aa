using System.Text.Json.Serialization;

namespace Stratus.Messaging.Tests.Support;

[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(Invoice))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
