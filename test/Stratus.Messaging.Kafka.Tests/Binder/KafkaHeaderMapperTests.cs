using System.Text;
using Confluent.Kafka;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Kafka.Binder;

namespace Stratus.Messaging.Kafka.Tests.Binder;

/// <summary>
/// Golden bytes of the header mapping, against Spring Cloud Stream's <c>BinderHeaderMapper</c> (Spring Kafka's
/// <c>AbstractKafkaHeaderMapper</c>) and <c>KafkaMessageChannelBinder</c>'s dead-letter headers.
/// </summary>
public sealed class KafkaHeaderMapperTests
{
    [Fact]
    public void Outbound_headers_are_the_bytes_springs_mapper_writes()
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contentType"] = "application/json",
            ["scst_partition"] = 2,
            ["tenant"] = "acmé",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["attempts"] = 5_000_000_000L,
            ["urgent"] = true,
            ["signature"] = new byte[] { 0xCA, 0xFE },
            ["id"] = "never mapped",
            ["kafka_topic"] = "never mapped",
            ["absent"] = null,
        };
        var message = new OutboundMessage("{}"u8.ToArray(), "application/json", headers) { MessageId = "m-1" };

        var kafka = KafkaHeaderMapper.ToKafka(message);

        Assert.Equal(
            [
                ("contentType", "application/json"u8.ToArray()),
                // Jackson's writeValueAsBytes(Integer.valueOf(2)) and of 5000000000L and Boolean.TRUE.
                ("scst_partition", "2"u8.ToArray()),
                ("tenant", [0x61, 0x63, 0x6D, 0xC3, 0xA9]),
                // A raw-mapped header: UTF-8, no type entry.
                ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray()),
                ("attempts", "5000000000"u8.ToArray()),
                ("urgent", "true"u8.ToArray()),
                ("signature", [0xCA, 0xFE]),
                ("stratus_messageId", "m-1"u8.ToArray()),
                ("spring_json_header_types", """{"contentType":"java.lang.String","scst_partition":"java.lang.Integer","tenant":"java.lang.String","attempts":"java.lang.Long","urgent":"java.lang.Boolean","stratus_messageId":"java.lang.String"}"""u8.ToArray()),
            ],
            kafka.Select(h => (h.Key, h.GetValueBytes())));
    }

    [Fact]
    public void Outbound_without_headers_still_carries_the_content_type()
    {
        var message = new OutboundMessage("{}"u8.ToArray(), "application/json", new Dictionary<string, object?>());

        var kafka = KafkaHeaderMapper.ToKafka(message);

        Assert.Equal(
            [
                ("contentType", "application/json"u8.ToArray()),
                ("spring_json_header_types", """{"contentType":"java.lang.String"}"""u8.ToArray()),
            ],
            kafka.Select(h => (h.Key, h.GetValueBytes())));
    }

    [Fact]
    public void Inbound_headers_are_decoded_as_spring_reads_them()
    {
        var kafka = new Headers
        {
            // A MimeType contentType, which Spring writes JSON-quoted.
            { "contentType", "\"application/json\""u8.ToArray() },
            { "scst_partition", "3"u8.ToArray() },
            { "tenant", "first"u8.ToArray() },
            { "tenant", "acme"u8.ToArray() },
            { "offsetHint", "42"u8.ToArray() },
            { "urgent", "true"u8.ToArray() },
            { "ratio", "0.25"u8.ToArray() },
            { "correlation", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\""u8.ToArray() },
            { "broken", "abc"u8.ToArray() },
            { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray() },
            { "b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"u8.ToArray() },
            { "signature", new byte[] { 0xCA, 0xFE } },
            { "stratus_messageId", "m-1"u8.ToArray() },
            {
                "spring_json_header_types",
                """{"contentType":"java.lang.String","scst_partition":"java.lang.Integer","tenant":"java.lang.String","offsetHint":"java.lang.Long","urgent":"java.lang.Boolean","ratio":"java.lang.Double","correlation":"java.util.UUID","broken":"java.lang.Integer","stratus_messageId":"java.lang.String"}"""u8.ToArray()
            },
        };

        var headers = KafkaHeaderMapper.FromKafka(kafka, out var messageId);

        Assert.Equal("m-1", messageId);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["contentType"] = "application/json",
                ["scst_partition"] = 3,
                ["tenant"] = "acme",
                ["offsetHint"] = 42L,
                ["urgent"] = true,
                ["ratio"] = 0.25,
                ["correlation"] = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                ["broken"] = "abc"u8.ToArray(),
                ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                ["b3"] = "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
                ["signature"] = new byte[] { 0xCA, 0xFE },
            },
            headers);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"a\"]")]
    [InlineData("{\"tenant\":1}")]
    public void Unreadable_type_lists_leave_every_header_raw(string types)
    {
        var kafka = new Headers
        {
            { "tenant", "acme"u8.ToArray() },
            { "traceparent", "00-ab-cd-01"u8.ToArray() },
            { "spring_json_header_types", Encoding.UTF8.GetBytes(types) },
        };

        var headers = KafkaHeaderMapper.FromKafka(kafka, out var messageId);

        Assert.Null(messageId);
        Assert.Equal("acme"u8.ToArray(), Assert.IsType<byte[]>(headers["tenant"]));
        Assert.Equal("00-ab-cd-01", headers["traceparent"]);
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public void Headers_round_trip_through_both_mappings()
    {
        var sent = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contentType"] = "application/json",
            ["scst_partition"] = 1,
            ["big"] = long.MinValue,
            ["flag"] = false,
            ["text"] = "with \"quotes\" and ünïcode",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["raw"] = new byte[] { 0, 255 },
        };

        var received = KafkaHeaderMapper.FromKafka(
            KafkaHeaderMapper.ToKafka(new OutboundMessage("{}"u8.ToArray(), "application/json", sent) { MessageId = "abc" }), out var messageId);

        Assert.Equal("abc", messageId);
        Assert.Equal(sent, received);
    }

    [Fact]
    public void Dead_letter_headers_are_the_bytes_the_spring_binder_writes()
    {
        var record = new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = "orders",
            Partition = new Partition(3),
            Offset = new Offset(42),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = "customer-a"u8.ToArray(),
                Value = "{}"u8.ToArray(),
                Timestamp = new Timestamp(1_700_000_000_123, TimestampType.CreateTime),
                Headers = new Headers { { "contentType", "application/json"u8.ToArray() } },
            },
        };

        var headers = KafkaHeaders.ForDeadLetter(record, new InvalidOperationException("payment service down"));

        var bytes = headers.ToDictionary(h => h.Key, h => h.GetValueBytes());
        Assert.Equal("application/json"u8.ToArray(), bytes["contentType"]);
        Assert.Equal("orders"u8.ToArray(), bytes["x-original-topic"]);
        // jshell: HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(3).array()) is 00000003.
        Assert.Equal(Convert.FromHexString("00000003"), bytes["x-original-partition"]);
        // ByteBuffer.allocate(8).putLong(42L) is 000000000000002a; putLong(1700000000123L) is 0000018bcfe5687b.
        Assert.Equal(Convert.FromHexString("000000000000002a"), bytes["x-original-offset"]);
        Assert.Equal(Convert.FromHexString("0000018bcfe5687b"), bytes["x-original-timestamp"]);
        Assert.Equal("CreateTime"u8.ToArray(), bytes["x-original-timestamp-type"]);
        Assert.Equal("System.InvalidOperationException"u8.ToArray(), bytes["x-exception-fqcn"]);
        Assert.Equal("payment service down"u8.ToArray(), bytes["x-exception-message"]);
        Assert.StartsWith("System.InvalidOperationException: payment service down", Encoding.UTF8.GetString(bytes["x-exception-stacktrace"]), StringComparison.Ordinal);
        Assert.DoesNotContain(headers, h => h.Key == "spring_json_header_types");
    }

    [Fact]
    public void Dead_letter_of_a_record_without_timestamp_writes_javas_no_timestamp()
    {
        var record = new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = "orders",
            Partition = new Partition(0),
            Offset = new Offset(0),
            Message = new Message<byte[]?, byte[]?> { Value = "{}"u8.ToArray(), Timestamp = Timestamp.Default },
        };

        var headers = KafkaHeaders.ForDeadLetter(record, new InvalidOperationException("x"));

        // RecordBatch.NO_TIMESTAMP is -1L: ffffffffffffffff.
        Assert.Equal(Convert.FromHexString("ffffffffffffffff"), headers.GetLastBytes("x-original-timestamp"));
        Assert.Equal("NoTimestampType"u8.ToArray(), headers.GetLastBytes("x-original-timestamp-type"));
    }
}
