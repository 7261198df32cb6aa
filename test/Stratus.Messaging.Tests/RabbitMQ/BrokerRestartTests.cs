using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>
/// Fault tests that stop and start RabbitMQ (<c>rabbitmqctl stop_app</c> / <c>start_app</c>: clients are disconnected and
/// the port closes; durable queues and persistent messages stay on disk), on a node of their own.
/// </summary>
public sealed class BrokerRestartTests(IsolatedRabbitMqNode node) : IClassFixture<IsolatedRabbitMqNode>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _destination = "restart-" + Guid.NewGuid().ToString("N")[..8];

    private RabbitMqBroker Broker => node.Broker;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // One outage seen from every side, as one stop and start of the node costs seconds: a consumer in the middle of a
    // message, a producer, and an application that starts while the broker is down.
    [Fact]
    public async Task Broker_outage_loses_no_confirmed_message_and_every_app_recovers_or_connects_when_it_is_back()
    {
        const int count = 20;
        var logs = new RecordingLoggerProvider();
        var handled = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = Settings("billing");
        settings["Stratus:Messaging:Bindings:orders:Idempotent"] = "true";
        await using var consumer = await MessagingApp.StartAsync(Broker, settings, m => m.AddConsumer<OrderPlaced>("orders", async (order, cancellationToken) =>
        {
            // The first message is still being handled when the broker goes away and until it is back: the broker
            // redelivers it, and only the binding's deduplication keeps it from a second run.
            if (order.OrderId == "o-0" && holding.TrySetResult())
            {
                await release.Task.WaitAsync(cancellationToken);
            }

            handled.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
        }), s => s.AddLogging(l => l.AddProvider(logs)));
        await using var producer = await MessagingApp.StartAsync(Broker, Settings(group: null));
        for (var i = 0; i < count; i++)
        {
            await producer.Publisher.PublishAsync("orders", new OrderPlaced($"o-{i}", i), null, Token);
        }

        await holding.Task.WaitAsync(Timeout, Token);
        await Broker.StopAppAsync();
        Task<MessagingApp> lateStart;
        var lateLogs = new RecordingLoggerProvider();
        var lateReceived = new TaskCompletionSource<OrderPlaced>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await Eventually.TrueAsync(async () => await RabbitHealthAsync(consumer) == HealthStatus.Unhealthy, Timeout, "the consumer's health down");
            await Eventually.TrueAsync(async () => await RabbitHealthAsync(producer) == HealthStatus.Unhealthy, Timeout, "the producer's health down");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                producer.Publisher.PublishAsync("orders", new OrderPlaced("during-outage", -1), null, Token));
            Assert.Contains($"the connection to RabbitMQ at amqp://127.0.0.1:{Broker.Port}/ is down", refused.Message, StringComparison.Ordinal);
            Assert.Contains("the message was not confirmed", refused.Message, StringComparison.Ordinal);

            // A new application's first connection is retried with back-off instead of failing its start.
            var lateSettings = Settings("audit");
            lateSettings["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxAttempts"] = "1000";
            lateSettings["Stratus:Messaging:RabbitMQ:ConnectionRetryInitialInterval"] = "00:00:00.050";
            lateSettings["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxInterval"] = "00:00:00.200";
            lateStart = MessagingApp.StartAsync(Broker, lateSettings,
                m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { lateReceived.TrySetResult(order); return Task.CompletedTask; }),
                s => s.AddLogging(l => l.AddProvider(lateLogs)));
            await Eventually.TrueAsync(() => Task.FromResult(lateLogs.Entries.Count(e => e.EventName == "RabbitMqConnectFailed") >= 2), Timeout, "failed connection attempts");
            Assert.False(lateStart.IsCompleted);
        }
        finally
        {
            await Broker.StartAppAsync();
        }

        // The held handler finishes only now: its delivery belongs to the closed channel, so its ack is dropped (and
        // logged), and the redelivered copy waits for the handler's claim and is then skipped as handled.
        await Eventually.TrueAsync(() => Task.FromResult(logs.Contains("RabbitMqRecovered")), Timeout, "the consumer recovered");
        release.TrySetResult();
        await Eventually.TrueAsync(() => Task.FromResult(logs.Contains("RabbitMqSettleSkipped")), Timeout, "the stale ack dropped");
        await using var late = await lateStart.WaitAsync(Timeout, Token);
        // Publishing fails fast until the producer's own connection has recovered; its health says when.
        await Eventually.TrueAsync(async () => await RabbitHealthAsync(producer) == HealthStatus.Healthy, Timeout, "the producer recovered");
        await producer.Publisher.PublishAsync("orders", new OrderPlaced("after-outage", 1), null, Token);

        Assert.Equal(new OrderPlaced("after-outage", 1), await lateReceived.Task.WaitAsync(Timeout, Token));
        await Eventually.TrueAsync(() => Task.FromResult(handled.Count == count + 1), Timeout, $"all {count + 1} confirmed messages handled");
        await Eventually.TrueAsync(async () => await Broker.QueueCountsAsync($"{_destination}.billing") == (0, 0), Timeout, "the queue drained");
        Assert.True(logs.Contains("RabbitMqConnectionLost"));
        Assert.Equal(HealthStatus.Healthy, await RabbitHealthAsync(consumer));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"o-{i}").Append("after-outage").Order(), handled.Keys.Order());
        Assert.DoesNotContain("during-outage", handled.Keys);
        // Exactly once per message id: o-0 was redelivered after the restart and recognised by the idempotent binding.
        Assert.All(handled, entry => Assert.True(entry.Value == 1, $"{entry.Key} handled {entry.Value} times"));
    }

    private static async Task<HealthStatus> RabbitHealthAsync(MessagingApp app) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries["rabbit"].Status;

    private Dictionary<string, string?> Settings(string? group)
    {
        var settings = MessagingApp.Orders(_destination, group);
        // Recover quickly once the node is back (the default, Spring's, is 5 s).
        settings["Stratus:Messaging:RabbitMQ:RecoveryInterval"] = "00:00:00.250";
        return settings;
    }
}
