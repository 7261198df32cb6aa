using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Bus.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Listening;

/// <summary>Shutdown events: acknowledged always, acted on only where <c>Stratus:Bus:Shutdown:Enabled</c> says so.</summary>
public sealed class ShutdownTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_shutdown_event_is_ignored_by_default_and_stops_a_service_that_allows_it()
    {
        var destination = Wait.NewDestination();
        await using var tap = await BusTap.OpenAsync(broker, destination);
        await using var keeps = await BusClient.StartAsync(BusClient.Settings(broker, destination, "keeps", "keeps:1:a"));
        var settings = BusClient.Settings(broker, destination, "stops", "stops:1:a");
        settings["Stratus:Bus:Shutdown:Enabled"] = "true";
        await using var stops = await BusClient.StartAsync(settings);
        var keepsStopping = keeps.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var stopsStopping = stops.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await tap.PublishAsync("""{"type":"ShutdownRemoteApplicationEvent","timestamp":1724300000000,"originService":"admin:8080:aa","destinationService":"**","id":"shutdown-1"}""");

        await Wait.UntilAsync(() => stopsStopping.IsCancellationRequested, "the service that allows it to stop");
        await Wait.ForAsync(tap, "AckRemoteApplicationEvent", a => a.GetProperty("ackId").GetString() == "shutdown-1" && a.GetProperty("originService").GetString() == "keeps:1:a", "the other's ack");
        Assert.False(keepsStopping.IsCancellationRequested);

        // And it goes on serving, and handling the bus.
        await tap.PublishAsync("""{"type":"EnvironmentChangeRemoteApplicationEvent","destinationService":"keeps:**","id":"after-1","values":{"shop.greeting":"still-here"}}""");
        await Wait.UntilAsync(() => keeps.Greeting == "still-here", "the next event");
        Assert.Equal("still-here", await keeps.Http.GetStringAsync(new Uri("greeting", UriKind.Relative), TestContext.Current.CancellationToken));
    }
}
