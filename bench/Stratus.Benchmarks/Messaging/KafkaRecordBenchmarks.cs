using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Confluent.Kafka;
using Stratus.Messaging;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Kafka.Binder;

namespace Stratus.Benchmarks.Messaging;

/// <summary>
/// What the Kafka binder does per published record before Confluent takes over: map the headers (with the
/// <c>spring_json_header_types</c> JSON) and hand over the value. Each baseline is the code as it was before the
/// header-set cache and the pass-through value, kept here to compare in the same run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KafkaRecordBenchmarks
{
    // KafkaHeaderMapper's set, copied so the baseline does the same look-ups.
    private static readonly HashSet<string> NeverMapped = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "timestamp", "deliveryAttempt", "scst_nativeHeadersPresent",
        "kafka_acknowledgment", "kafka_consumer", "kafka_messageKey", "kafka_offset", "kafka_partitionId", "kafka_data",
        "kafka_receivedMessageKey", "kafka_receivedPartitionId", "kafka_receivedTimestamp", "kafka_receivedTopic",
        "kafka_timestamp", "kafka_timestampType", "kafka_batchConvertedHeaders", "kafka_nativeHeaders", "kafka_topic",
        "kafka_deliveryAttempt", "kafka_listenerInfo", "kafka_groupId",
    };

    private OutboundMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        // What MessagePublisher hands the binder for a traced, unpartitioned publish: contentType, traceparent, and
        // the message id; a 1,024-byte JSON body.
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [MessageHeaders.ContentType] = "application/json",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        _message = new OutboundMessage(new byte[1024], "application/json", headers) { MessageId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301" };
    }

    [Benchmark(Baseline = true, Description = "baseline (before): map headers, types JSON written per record")]
    [BenchmarkCategory("headers")]
    public Headers Headers_before_types_json_per_record() => BeforeToKafka(_message);

    [Benchmark(Description = "KafkaHeaderMapper.ToKafka: types JSON from the header-set cache")]
    [BenchmarkCategory("headers")]
    public Headers Headers_after_cached_types_json() => KafkaHeaderMapper.ToKafka(_message);

    [Benchmark(Baseline = true, Description = "baseline (before): record value Body.ToArray() (1 KB)")]
    [BenchmarkCategory("value")]
    public byte[] Value_before_copy() => _message.Body.ToArray();

    [Benchmark(Description = "KafkaBinder.RecordValue: the whole array as it is")]
    [BenchmarkCategory("value")]
    public byte[] Value_after_pass_through() => KafkaBinder.RecordValue(_message.Body);

    /// <summary>KafkaHeaderMapper.ToKafka before the cache: a list of types and a Utf8JsonWriter per record.</summary>
    private static Headers BeforeToKafka(OutboundMessage message)
    {
        var kafka = new Headers();
        var types = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in message.Headers)
        {
            if (value is null || NeverMapped.Contains(name) || (message.MessageId is not null && name == "stratus_messageId"))
            {
                continue;
            }

            if (KafkaHeaderMapper.Encode(name, value, out var bytes) is { } javaType)
            {
                types.Add(new(name, javaType));
            }

            kafka.Add(name, bytes);
        }

        if (!message.Headers.ContainsKey(MessageHeaders.ContentType))
        {
            kafka.Add(MessageHeaders.ContentType, System.Text.Encoding.UTF8.GetBytes(message.ContentType));
            types.Add(new(MessageHeaders.ContentType, "java.lang.String"));
        }

        if (message.MessageId is { } id)
        {
            kafka.Add("stratus_messageId", System.Text.Encoding.UTF8.GetBytes(id));
            types.Add(new("stratus_messageId", "java.lang.String"));
        }

        if (types.Count > 0)
        {
            kafka.Add("spring_json_header_types", HeaderTypesCache.Write(CollectionsMarshal.AsSpan(types)));
        }

        return kafka;
    }
}
