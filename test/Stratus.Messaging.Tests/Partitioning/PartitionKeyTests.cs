using System.Text;

namespace Stratus.Messaging.Tests.Partitioning;

public sealed class PartitionKeyTests
{
    // Expected values printed by Java 17 (jshell) with Spring's DefaultPartitionSelector and PartitionHandler:
    //   int h = key.hashCode(); int sel = h == Integer.MIN_VALUE ? 0 : Math.abs(h); Math.abs(sel % count)
    // for count 3, 4 and 7.
    public static TheoryData<object, int, int, int, int> JavaValues => new()
    {
        { "customer-1", -1581185534, 2, 2, 5 },
        { "a", 97, 1, 1, 6 },
        { "", 0, 0, 0, 0 },
        { "polygenelubricants", int.MinValue, 0, 0, 0 },
        { "Aa", 2112, 0, 0, 5 },
        { "BB", 2112, 0, 0, 5 },
        { "zürich", -565983330, 0, 2, 3 },
        { "😀", 1772899, 1, 3, 2 },
        { 42, 42, 0, 2, 0 },
        { -7, -7, 1, 3, 0 },
        { int.MinValue, int.MinValue, 0, 0, 0 },
        { 5000000000L, 705032705, 2, 1, 6 },
        { -1L, 0, 0, 0, 0 },
        { true, 1231, 1, 3, 6 },
        { false, 1237, 1, 1, 5 },
    };

    [Theory]
    [MemberData(nameof(JavaValues))]
    public void Hash_and_partition_match_java(object key, int javaHash, int of3, int of4, int of7)
    {
        Assert.Equal(javaHash, PartitionKey.JavaHashCode(key));
        Assert.Equal(of3, PartitionKey.SelectPartition(key, 3));
        Assert.Equal(of4, PartitionKey.SelectPartition(key, 4));
        Assert.Equal(of7, PartitionKey.SelectPartition(key, 7));
    }

    [Theory]
    [InlineData("payload.customerId", """{"customerId":"customer-1","n":1}""", "customer-1")]
    [InlineData("payload.customer.id", """{"customer":{"id":42}}""", 42)]
    [InlineData("payload.big", """{"big":5000000000}""", 5000000000L)]
    [InlineData("payload.flag", """{"flag":true}""", true)]
    [InlineData("payload", "\"plain\"", "plain")]
    public void Expression_reads_the_key_from_the_json_payload(string expression, string json, object expected)
    {
        Assert.True(PartitionKey.TryParse(expression, out var key, out _));
        Assert.Equal(expected, key.Evaluate(Encoding.UTF8.GetBytes(json), new Dictionary<string, object?>()));
    }

    [Theory]
    [InlineData("headers['partitionKey']")]
    [InlineData("headers[\"partitionKey\"]")]
    [InlineData("headers.partitionKey")]
    public void Expression_reads_the_key_from_a_header(string expression)
    {
        Assert.True(PartitionKey.TryParse(expression, out var key, out _));
        Assert.Equal("k-1", key.Evaluate("{}"u8, new Dictionary<string, object?> { ["partitionKey"] = "k-1" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("payload.")]
    [InlineData("payload..id")]
    [InlineData("payload.id()")]
    [InlineData("T(java.lang.Runtime).getRuntime()")]
    [InlineData("headers['unclosed")]
    [InlineData("headers['']")]
    public void Bad_expressions_are_refused_with_a_reason(string? expression)
    {
        Assert.False(PartitionKey.TryParse(expression, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Theory]
    [InlineData("payload.missing", """{"id":1}""", "no property 'missing'")]
    [InlineData("payload.id", """{"id":{"nested":1}}""", "must be a string")]
    [InlineData("payload.id", """{"id":1.5}""", "must be a string")]
    [InlineData("payload.id", """{"id":null}""", "must be a string")]
    [InlineData("headers['absent']", "{}", "header 'absent'")]
    public void Keys_that_cannot_be_read_fail_with_a_reason(string expression, string json, string reason)
    {
        Assert.True(PartitionKey.TryParse(expression, out var key, out _));
        var error = Assert.Throws<InvalidOperationException>(() => key.Evaluate(Encoding.UTF8.GetBytes(json), new Dictionary<string, object?>()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
