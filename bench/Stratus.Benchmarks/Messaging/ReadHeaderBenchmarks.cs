using BenchmarkDotNet.Attributes;
using Stratus.Messaging.Diagnostics;

namespace Stratus.Benchmarks.Messaging;

/// <summary>
/// The trace-context getter on a header the message does not carry (the propagator asks for several per consumed
/// message: a W3C message has no b3, a B3 one no traceparent). The baseline is the LINQ scan it used before.
/// </summary>
[MemoryDiagnoser]
public class ReadHeaderBenchmarks
{
    private const string Missing = "b3";
    private Dictionary<string, object?> _headers = null!;

    [GlobalSetup]
    public void Setup() =>
        // The headers a consumed Kafka record of a Stratus publisher maps to.
        _headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contentType"] = "application/json",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["scst_partition"] = 3,
            ["tenant"] = "acme",
        };

    [Benchmark(Baseline = true, Description = "baseline (before): TryGetValue, then LINQ FirstOrDefault ignoring case")]
    public string? Miss_before_linq_scan()
    {
        BeforeReadHeader(_headers, Missing, out var value, out _);
        return value;
    }

    [Benchmark(Description = "MessagingTelemetry.ReadHeader: TryGetValue, then a loop ignoring case")]
    public string? Miss_after_loop()
    {
        MessagingTelemetry.ReadHeader(_headers, Missing, out var value, out _);
        return value;
    }

    private static void BeforeReadHeader(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        var headers = (IReadOnlyDictionary<string, object?>)carrier!;
        if (!headers.TryGetValue(name, out var raw))
        {
            raw = headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        value = raw switch
        {
            string text => text,
            byte[] bytes when bytes.Length <= 8192 => System.Text.Encoding.UTF8.GetString(bytes),
            _ => null,
        };
    }
}
