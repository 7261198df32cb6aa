using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

public sealed class FunctionBindingTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Function_result_is_published_to_the_output_binding()
    {
        var token = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = MessagingApp.Orders("orders-" + suffix, "pricing");
        settings["Stratus:Messaging:Bindings:invoices:Destination"] = "invoices-" + suffix;
        settings["Stratus:Messaging:Bindings:invoices:Group"] = "accounting";
        var invoiced = new TaskCompletionSource<Invoice>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, settings, m => m
            .AddFunction<OrderPlaced, Invoice>("orders", "invoices", (order, _) => Task.FromResult(new Invoice(order.OrderId, order.Quantity * 10)))
            .AddConsumer<Invoice>("invoices", (invoice, _) => { invoiced.TrySetResult(invoice); return Task.CompletedTask; }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-9", 4), null, token);

        Assert.Equal(new Invoice("o-9", 40), await invoiced.Task.WaitAsync(TimeSpan.FromSeconds(20), token));
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"orders-{suffix}.pricing") == (0, 0), TimeSpan.FromSeconds(20), "the input acknowledged");
    }
}
