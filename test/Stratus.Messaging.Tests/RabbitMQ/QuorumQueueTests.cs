using Microsoft.Extensions.Options;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>Quorum group queues and DLQs by option, as Spring's <c>quorum.enabled</c> / <c>dlqQuorum.enabled</c>.</summary>
public sealed class QuorumQueueTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _destination = "quorum-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quorum_group_queue_and_dlq_are_declared_as_quorum_queues_and_messages_flow_and_dead_letter()
    {
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType"] = "quorum";
        settings["Stratus:Messaging:RabbitMQ:Bindings:orders:DeadLetterQueueType"] = "Quorum";
        settings["Stratus:Messaging:Bindings:orders:MaxAttempts"] = "1";
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, settings, m => m.AddConsumer<OrderPlaced>("orders", (order, _) =>
        {
            if (order.OrderId == "bad")
            {
                throw new InvalidOperationException("refused");
            }

            handled.TrySetResult(order.OrderId);
            return Task.CompletedTask;
        }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("bad", 1), null, Token);
        await app.Publisher.PublishAsync("orders", new OrderPlaced("good", 1), null, Token);

        Assert.Equal("good", await handled.Task.WaitAsync(Timeout, Token));
        var expected = new Dictionary<string, (string Type, int Ready, int Unacknowledged)>
        {
            [$"{_destination}.billing"] = ("quorum", 0, 0),
            [$"{_destination}.billing.dlq"] = ("quorum", 1, 0),
        };
        await Eventually.TrueAsync(async () => (await broker.QueuesAsync(_destination)).OrderBy(q => q.Key).SequenceEqual(expected.OrderBy(q => q.Key)),
            Timeout, "two quorum queues: the group's drained, the bad message in the DLQ");
    }

    [Fact]
    public async Task Changing_an_existing_queue_to_quorum_fails_start_with_a_clear_error()
    {
        await using (await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask)))
        {
        }

        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType"] = "quorum";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MessagingApp.StartAsync(broker, settings, m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask)));

        Assert.Contains("binding 'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PRECONDITION_FAILED", error.Message, StringComparison.Ordinal);
        Assert.Contains("Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QueueType", "stream", "billing", "Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType must be classic or quorum, was 'stream'")]
    [InlineData("DeadLetterQueueType", "lazy", "billing", "Stratus:Messaging:RabbitMQ:Bindings:orders:DeadLetterQueueType must be classic or quorum, was 'lazy'")]
    [InlineData("QueueType", "quorum", null, "Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType is quorum, which needs Stratus:Messaging:Bindings:orders:Group")]
    [InlineData("DeadLetterQueueType", "quorum", null, "Stratus:Messaging:RabbitMQ:Bindings:orders:DeadLetterQueueType is quorum, which needs Stratus:Messaging:Bindings:orders:Group")]
    public async Task Invalid_queue_type_stops_start_naming_the_key(string key, string value, string? group, string expected)
    {
        var settings = MessagingApp.Orders(_destination, group);
        settings[$"Stratus:Messaging:RabbitMQ:Bindings:orders:{key}"] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            MessagingApp.StartAsync(broker, settings, m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask)));

        Assert.Contains(error.Failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }
}
