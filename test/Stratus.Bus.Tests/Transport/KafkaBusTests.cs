using Stratus.Bus.Events;
using Stratus.Bus.Tests.Support;
using Stratus.Messaging.Kafka.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Transport;

/// <summary>The same bus on the Kafka binder, against librdkafka's mock cluster: a topic per destination, a group per instance.</summary>
public sealed class KafkaBusTests(KafkaCluster kafka)
{
    [Fact]
    public async Task An_environment_change_reaches_another_service_over_Kafka()
    {
        var destination = Wait.NewDestination();
        await using var sender = await BusClient.StartAsync(Settings(destination, "sender"));
        await using var receiver = await BusClient.StartAsync(Settings(destination, "receiver"));
        var change = new EnvironmentChangeRemoteApplicationEvent { DestinationService = "receiver", Values = new Dictionary<string, string?> { ["shop.greeting"] = "over-kafka" } };

        // An anonymous Kafka consumer starts from the latest offset once its partitions are assigned, which happens in
        // the background: publish every half second until it has arrived (setting the same value again changes nothing).
        var sinceLast = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                if (receiver.Greeting != "over-kafka" && (sent == 0 || sinceLast.Elapsed > TimeSpan.FromMilliseconds(500)))
                {
                    await sender.Bus.PublishAsync(change, TestContext.Current.CancellationToken);
                    sinceLast.Restart();
                    sent++;
                }

                return receiver.Greeting == "over-kafka";
            },
            TimeSpan.FromSeconds(30),
            "the event over Kafka");

        // Addressed to the receiver only: the sender, which acted on it locally if it matched, did not.
        Assert.Null(sender.Greeting);
    }

    private Dictionary<string, string?> Settings(string destination, string application)
    {
        var settings = new Dictionary<string, string?>(kafka.BinderSettings())
        {
            ["spring:application:name"] = application,
            ["Stratus:Bus:Enabled"] = "true",
            ["Stratus:Bus:Destination"] = destination,
            ["Stratus:Observability:Tracing:Enabled"] = "false",
        };
        return settings;
    }
}
