using System.Text;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Kafka.Binder;

namespace Stratus.Messaging.Kafka.Tests.Binder;

/// <summary>The <c>spring_json_header_types</c> cache: each record lists exactly its own headers' types.</summary>
public sealed class HeaderTypesCacheTests
{
    public static TheoryData<int> Capacities => [1, 2, HeaderTypesCache.DefaultCapacity];

    [Theory]
    [MemberData(nameof(Capacities))]
    public void Records_with_different_header_sets_each_carry_only_their_own_types(int capacity)
    {
        var cache = new HeaderTypesCache(capacity);
        var withTenant = Message(("tenant", "acme"));
        var withCount = Message(("count", 7));
        var withCountAsLong = Message(("count", 7L));
        var reordered = Message(("b", "x"), ("a", "y"));
        var ordered = Message(("a", "y"), ("b", "x"));

        // Interleaved, so every set follows a different one and a capacity of 1 or 2 makes them evict each other.
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("""{"tenant":"java.lang.String","contentType":"java.lang.String"}""", Types(withTenant, cache));
            Assert.Equal("""{"count":"java.lang.Integer","contentType":"java.lang.String"}""", Types(withCount, cache));
            Assert.Equal("""{"count":"java.lang.Long","contentType":"java.lang.String"}""", Types(withCountAsLong, cache));
            Assert.Equal("""{"b":"java.lang.String","a":"java.lang.String","contentType":"java.lang.String"}""", Types(reordered, cache));
            Assert.Equal("""{"a":"java.lang.String","b":"java.lang.String","contentType":"java.lang.String"}""", Types(ordered, cache));
            Assert.Equal("""{"contentType":"java.lang.String"}""", Types(Message(), cache));
        }
    }

    [Fact]
    public void Header_values_are_never_shared_between_records_with_the_same_set()
    {
        var cache = new HeaderTypesCache();

        var first = KafkaHeaderMapper.ToKafka(Message(("tenant", "acme")), cache);
        var second = KafkaHeaderMapper.ToKafka(Message(("tenant", "globex")), cache);

        Assert.Equal("acme"u8.ToArray(), first.GetLastBytes("tenant"));
        Assert.Equal("globex"u8.ToArray(), second.GetLastBytes("tenant"));
        // Only the types list, the same for both, is one array.
        Assert.Same(first.GetLastBytes(KafkaHeaders.SpringJsonHeaderTypes), second.GetLastBytes(KafkaHeaders.SpringJsonHeaderTypes));
    }

    [Fact]
    public void Untyped_headers_alone_write_no_types_list()
    {
        var message = new OutboundMessage(
            "{}"u8.ToArray(),
            "application/json",
            new Dictionary<string, object?> { ["contentType"] = new byte[] { 1 }, ["traceparent"] = "00-ab-cd-01" });

        var kafka = KafkaHeaderMapper.ToKafka(message, new HeaderTypesCache());

        Assert.False(kafka.TryGetLastBytes(KafkaHeaders.SpringJsonHeaderTypes, out _));
    }

    [Fact]
    public void Capacity_below_one_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeaderTypesCache(0));

    [Fact]
    public void A_whole_array_body_is_the_record_value_itself()
    {
        var body = new byte[] { 1, 2, 3 };

        Assert.Same(body, KafkaBinder.RecordValue(body));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    public void A_slice_of_an_array_is_copied_to_exactly_its_bytes(int start, int length)
    {
        var array = new byte[] { 1, 2, 3, 4 };

        var value = KafkaBinder.RecordValue(array.AsMemory(start, length));

        Assert.NotSame(array, value);
        Assert.Equal(array.AsSpan(start, length).ToArray(), value);
    }

    [Fact]
    public void An_empty_body_is_an_empty_value() =>
        Assert.Empty(KafkaBinder.RecordValue(ReadOnlyMemory<byte>.Empty));

    private static OutboundMessage Message(params (string Name, object Value)[] headers) =>
        new("{}"u8.ToArray(), "application/json", headers.ToDictionary(h => h.Name, h => (object?)h.Value));

    private static string Types(OutboundMessage message, HeaderTypesCache cache) =>
        Encoding.UTF8.GetString(KafkaHeaderMapper.ToKafka(message, cache).GetLastBytes(KafkaHeaders.SpringJsonHeaderTypes));
}
