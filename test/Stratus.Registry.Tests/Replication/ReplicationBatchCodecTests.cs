using System.Text;
using Stratus.Eureka;
using Stratus.Registry.Replication;

namespace Stratus.Registry.Tests.Replication;

public sealed class ReplicationBatchCodecTests
{
    [Fact]
    public void Batch_round_trips_with_nulls_omitted()
    {
        var info = Leases.RegistryHarness.Instance("A", "a1", lastDirty: 5);
        ReplicationItem[] items =
        [
            new(ReplicationAction.Register, "A", "a1", 5, InstanceStatus.Unknown, InstanceStatus.Up, info),
            new(ReplicationAction.Cancel, "A", "a2", null, null, null, null),
        ];

        var bytes = ReplicationBatchCodec.WriteRequest(items);
        var json = Encoding.UTF8.GetString(bytes);
        var read = ReplicationBatchCodec.ReadRequest(bytes);

        Assert.StartsWith("{\"replicationList\":[{\"appName\":\"A\",\"id\":\"a1\",\"lastDirtyTimestamp\":5,\"overriddenStatus\":\"UNKNOWN\",\"status\":\"UP\",\"instanceInfo\":{\"instanceId\":\"a1\"", json, StringComparison.Ordinal);
        Assert.Contains("{\"appName\":\"A\",\"id\":\"a2\",\"action\":\"Cancel\"}", json, StringComparison.Ordinal);
        Assert.Equal(ReplicationAction.Register, read[0].Item!.Action);
        Assert.Equal("a1", read[0].Item!.InstanceInfo!.InstanceId);
        Assert.Equal(ReplicationAction.Cancel, read[1].Item!.Action);
    }

    [Theory]
    [InlineData("{\"replicationList\":[{\"appName\":\"A\",\"id\":\"1\",\"action\":\"Explode\"}]}", "Unknown replication action 'Explode'")]
    [InlineData("{\"replicationList\":[{\"appName\":\"A\",\"id\":\"1\",\"action\":\"3\"}]}", "Unknown replication action '3'")]
    [InlineData("{\"replicationList\":[{\"id\":\"1\",\"action\":\"Cancel\"}]}", "needs 'appName' and 'id'")]
    [InlineData("{\"replicationList\":[{\"appName\":\"A\",\"id\":\"1\",\"action\":\"Register\",\"instanceInfo\":{\"dataCenterInfo\":{\"@class\":\"java.lang.Runtime\",\"name\":\"MyOwn\"}}}]}", "Unsupported dataCenterInfo @class")]
    public void A_bad_entry_is_reported_alone(string json, string problem)
    {
        var read = ReplicationBatchCodec.ReadRequest(Encoding.UTF8.GetBytes(json));

        var (item, message) = Assert.Single(read);
        Assert.Null(item);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"replicationList\":[{\"appName\":")]
    [InlineData("[]")]
    [InlineData("{\"replicationList\":{}}")]
    public void A_malformed_envelope_is_a_format_error(string json) =>
        Assert.Throws<EurekaFormatException>(() => ReplicationBatchCodec.ReadRequest(Encoding.UTF8.GetBytes(json)));
}
