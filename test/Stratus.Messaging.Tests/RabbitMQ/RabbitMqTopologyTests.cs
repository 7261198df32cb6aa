using Stratus.Messaging.RabbitMQ.Binder;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

public sealed class RabbitMqTopologyTests(RabbitMqBroker broker)
{
    [Theory]
    [InlineData("amqp://user:s3cret@rabbit.internal:5673/prod", "amqp://rabbit.internal:5673/prod")]
    [InlineData("amqp://guest:guest@localhost/", "amqp://localhost:5672/")]
    [InlineData("amqps://user:s3cret@rabbit.internal:5671/", "amqps://rabbit.internal:5671/")]
    [InlineData("amqps://user:s3cret@rabbit.internal/", "amqps://rabbit.internal:5671/")]
    public void Logged_endpoint_never_contains_credentials(string uri, string expected) =>
        Assert.Equal(expected, RabbitMqTopology.Describe(new Uri(uri)));

    [Fact]
    public void Names_match_spring_cloud_stream()
    {
        Assert.Equal("orders.billing", RabbitMqTopology.GroupQueue("orders", "billing"));
        Assert.Equal("orders.billing.dlq", RabbitMqTopology.DeadLetterQueue("orders.billing"));
        Assert.Equal("orders.billing-1", RabbitMqTopology.PartitionQueue("orders", "billing", 1));
        Assert.Equal("orders-1", RabbitMqTopology.PartitionRoutingKey("orders", 1));
        Assert.Matches("^orders\\.anonymous\\.[A-Za-z0-9_-]{22}$", RabbitMqTopology.AnonymousQueue("orders"));
    }

    [Fact]
    public void Private_node_started_within_a_minute()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"RabbitMQ node {broker.NodeName} on port {broker.Port} accepted AMQP after {broker.StartupTime.TotalSeconds:F1} s");
        Assert.InRange(broker.StartupTime, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }
}
