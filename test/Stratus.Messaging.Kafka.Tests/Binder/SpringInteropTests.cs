using System.Text;
using System.Text.Json;
using Stratus.Messaging.Kafka.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Kafka.Tests.Binder;

/// <summary>What a Spring Cloud Stream consumer on the same topic sees, read with a plain Confluent consumer.</summary>
public sealed class SpringInteropTests(KafkaCluster cluster)
{
    [Fact]
    public async Task Published_record_has_springs_shape()
    {
        var token = TestContext.Current.CancellationToken;
        var destination = "orders-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(destination, null));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-5", 2), new Dictionary<string, object?> { ["tenant"] = "acme" }, token);

        var record = Assert.Single(await cluster.ReadAsync(destination, 1, TimeSpan.FromSeconds(60)));
        Assert.Null(record.Message.Key);
        Assert.Equal("application/json", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("contentType")));
        Assert.Equal("acme", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("tenant")));
        using var types = JsonDocument.Parse(record.Message.Headers.GetLastBytes("spring_json_header_types"));
        Assert.Equal("java.lang.String", types.RootElement.GetProperty("contentType").GetString());
        using var body = JsonDocument.Parse(record.Message.Value);
        Assert.Equal("o-5", body.RootElement.GetProperty("orderId").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("quantity").GetInt32());
    }
}
