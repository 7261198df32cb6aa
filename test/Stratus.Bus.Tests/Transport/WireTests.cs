using System.Net;
using System.Text;
using System.Text.Json;
using Stratus.Bus.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Transport;

/// <summary>
/// The bus on the wire, on Spring's default destination <c>springCloudBus</c> (the only tests that use it), read and
/// written with a plain AMQP client as a Java service's binding would: what a Stratus service publishes and acks, what
/// it does with Java-written events, and that malformed messages are skipped without stopping the consumer.
/// </summary>
public sealed class WireTests(RabbitMqBroker broker)
{
    private const string SpringDestination = "springCloudBus";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_event_and_its_ack_are_Springs_JSON_on_the_springCloudBus_exchange()
    {
        await using var tap = await BusTap.OpenAsync(broker, SpringDestination);
        var settings = BusClient.Settings(broker, SpringDestination, "wire");
        settings.Remove("Stratus:Bus:Destination");
        await using var client = await BusClient.StartAsync(settings);

        using (var response = await client.Http.PostAsync(new Uri("actuator/busenv", UriKind.Relative), new StringContent("""{"name":"app.message","value":"hi"}""", Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var sent = await Wait.ForAsync(tap, "EnvironmentChangeRemoteApplicationEvent", e => e.GetProperty("originService").GetString() == client.BusId, "the event on the exchange");
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("application/json", sent.Headers["contentType"]);
        var json = sent.Json!.Value;
        Assert.Equal(["type", "timestamp", "originService", "destinationService", "id", "values"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("**", json.GetProperty("destinationService").GetString());
        Assert.True(Guid.TryParse(json.GetProperty("id").GetString(), out _));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("timestamp").ValueKind);
        Assert.Equal("""{"app.message":"hi"}""", json.GetProperty("values").GetRawText());
        Assert.Equal("hi", client["app:message"]);

        // The default id is Spring's shape: the application name, the port it listens on, 32 random hex digits.
        var parts = client.BusId.Split(':');
        Assert.Equal("wire", parts[0]);
        Assert.Equal(client.Http.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        Assert.Matches("^[0-9a-f]{32}$", parts[2]);

        // The sender acks its own event when it comes back, as Spring's BusConsumer does.
        var id = json.GetProperty("id").GetString();
        var ack = (await Wait.ForAsync(tap, "AckRemoteApplicationEvent", a => a.GetProperty("ackId").GetString() == id, "the ack")).Json!.Value;
        Assert.Equal(["type", "timestamp", "originService", "destinationService", "id", "ackId", "ackDestinationService", "event"], ack.EnumerateObject().Select(p => p.Name));
        Assert.Equal(client.BusId, ack.GetProperty("originService").GetString());
        Assert.Equal("**", ack.GetProperty("destinationService").GetString());
        Assert.Equal("**", ack.GetProperty("ackDestinationService").GetString());
        Assert.Equal("org.springframework.cloud.bus.event.EnvironmentChangeRemoteApplicationEvent", ack.GetProperty("event").GetString());
    }

    [Fact]
    public async Task Java_written_events_are_acted_on_and_malformed_ones_skipped_without_stopping_the_consumer()
    {
        var destination = Wait.NewDestination();
        await using var tap = await BusTap.OpenAsync(broker, destination);
        await using var client = await BusClient.StartAsync(BusClient.Settings(broker, destination, "customers", "customers:9000:abc"));

        // Garbage first: none of it may stop what follows.
        await tap.PublishAsync("this is not JSON");
        await tap.PublishAsync("""{"type":"EnvironmentChangeRemoteApplicationEvent","destinationService":"**","values":["x"]}""");
        await tap.PublishAsync("[1,2,3]");
        await tap.PublishAsync("""{"type":"com.example.CustomRemoteApplicationEvent","destinationService":"**","id":"custom-1","values":{"shop.greeting":"custom"}}""");
        await tap.PublishAsync("""{"destinationService":"**","id":"typeless-1","values":{"shop.greeting":"typeless"}}""");
        await tap.PublishAsync(new string('{', 5000));

        // Spring Cloud Bus 4.x (Jackson 2 order), addressed to this instance.
        await tap.PublishAsync("""{"type":"EnvironmentChangeRemoteApplicationEvent","timestamp":1724300000000,"originService":"admin:8080:5f1c","destinationService":"customers:9000:**","id":"java-1","values":{"shop.greeting":"from-java"}}""");
        await Wait.UntilAsync(() => client.Greeting == "from-java", "the Java event");

        // Spring Cloud Bus 5.x (Jackson 3, alphabetical), for another instance: skipped, not acked.
        await tap.PublishAsync("""{"type":"EnvironmentChangeRemoteApplicationEvent","destinationService":"customers:9001:**","id":"java-2","originService":"admin:8080:5f1c","timestamp":1724300000001,"values":{"shop.greeting":"not-for-me"}}""");
        await tap.PublishAsync("""{"type":"EnvironmentChangeRemoteApplicationEvent","destinationService":"customers:**","id":"java-3","originService":"admin:8080:5f1c","timestamp":1724300000002,"values":{"shop.motd":"sorted"}}""");
        await Wait.UntilAsync(() => client["shop:motd"] == "sorted", "the Jackson 3 event");
        await Wait.ForAsync(tap, "AckRemoteApplicationEvent", a => a.GetProperty("ackId").GetString() == "java-3", "the ack of the last event");

        Assert.Equal("from-java", client.Greeting);
        var acked = tap.Messages.Select(m => m.Json).OfType<JsonElement>()
            .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("type", out var type) && type.GetString() == "AckRemoteApplicationEvent").Select(m => m.GetProperty("ackId").GetString()).ToList();
        Assert.Equal(["java-1", "java-3"], acked);
        var javaAck = tap.Find("AckRemoteApplicationEvent", a => a.GetProperty("ackId").GetString() == "java-1")!.Json!.Value;
        Assert.Equal("customers:9000:**", javaAck.GetProperty("ackDestinationService").GetString());
        Assert.Equal("customers:9000:abc", javaAck.GetProperty("originService").GetString());
    }
}
