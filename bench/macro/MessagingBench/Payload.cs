using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stratus.Bench.Messaging;

/// <summary>The benchmark's message: an order whose JSON (camelCase, as Stratus writes it) is exactly 1,024 bytes.</summary>
internal sealed record OrderPlaced(string OrderId, int Quantity, string Note)
{
    public const int Size = 1024;

    public static OrderPlaced OneKilobyte()
    {
        var empty = new OrderPlaced("order-0000001", 3, string.Empty);
        var padding = Size - JsonSerializer.SerializeToUtf8Bytes(empty, BenchJsonContext.Default.OrderPlaced).Length;
        var order = empty with { Note = new string('n', padding) };
        var length = JsonSerializer.SerializeToUtf8Bytes(order, BenchJsonContext.Default.OrderPlaced).Length;
        return length == Size ? order : throw new InvalidOperationException($"The payload is {length} bytes, not {Size}.");
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPlaced))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
