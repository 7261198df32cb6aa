using System.Net;
using System.Text;
using System.Text.Json;
using Stratus.Bus.Tests.Support;
using Stratus.ConfigServer.Tests.Support;
using Stratus.IntegrationTests;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Transport;

/// <summary>
/// The whole path, all real: a <c>stratus config-server</c> process over a Git repository with the bus on, a private
/// RabbitMQ node, and three services using <c>builder.AddStratus()</c> whose config clients do not watch (only the bus
/// tells them). A commit and a <c>POST /monitor</c> reach the services the changed files concern, and only them.
/// </summary>
public sealed class MonitorOverBusTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_monitored_commit_refreshes_every_matching_client_and_no_other()
    {
        using var repo = new GitRepo();
        repo.Write("customers.yml", "shop:\n  greeting: c1\n").Write("orders.yml", "shop:\n  greeting: o1\n").Write("application.yml", "shop:\n  motd: m1\n").Commit();
        var destination = Wait.NewDestination();
        var (server, serverUri) = await StratusProcess.StartRoleAsync("config-server",
        [
            "--Stratus:ConfigServer:Git:Uri=" + repo.Uri,
            "--Stratus:ConfigServer:Git:RefreshRate=01:00:00",
            "--Stratus:Bus:Enabled=true",
            "--Stratus:Bus:Destination=" + destination,
            "--Stratus:Messaging:RabbitMQ:Uri=" + broker.AmqpUri,
        ]);
        await using var _ = server;
        await using var tap = await BusTap.OpenAsync(broker, destination);
        await using var customers1 = await BusClient.StartAsync(BusClient.Settings(broker, destination, "customers", configServer: serverUri));
        await using var customers2 = await BusClient.StartAsync(BusClient.Settings(broker, destination, "customers", configServer: serverUri));
        await using var orders = await BusClient.StartAsync(BusClient.Settings(broker, destination, "orders", configServer: serverUri));
        Assert.Equal("c1 c1 o1", $"{customers1.Greeting} {customers2.Greeting} {orders.Greeting}");

        repo.Write("customers.yml", "shop:\n  greeting: c2\n").Write("orders.yml", "shop:\n  greeting: o2\n").Commit();
        var services = await MonitorAsync(serverUri, "customers.yml");

        Assert.Equal(["customers"], services);
        await Wait.UntilAsync(() => customers1.Greeting == "c2" && customers2.Greeting == "c2", "both customers instances to refresh");

        // What the server put on the bus: Spring's event, from its own bus id, to every customers instance.
        var refresh = await Wait.ForAsync(tap, "RefreshRemoteApplicationEvent", null, "the server's refresh event");
        var json = refresh.Json!.Value;
        Assert.Equal("customers:**", json.GetProperty("destinationService").GetString());
        Assert.StartsWith("config-server:", json.GetProperty("originService").GetString(), StringComparison.Ordinal);
        var refreshId = json.GetProperty("id").GetString();

        // Orders heard the same event and left it alone: once it has acted on a later broadcast (and acked it), its
        // greeting is still the old one and it never acked the refresh.
        var marker = new Stratus.Bus.Events.EnvironmentChangeRemoteApplicationEvent { Values = new Dictionary<string, string?> { ["marker"] = "1" } };
        await customers1.Bus.PublishAsync(marker, Ct);
        await Wait.ForAsync(tap, "AckRemoteApplicationEvent", a => a.GetProperty("ackId").GetString() == marker.Id && a.GetProperty("originService").GetString() == orders.BusId, "orders' ack of the marker");
        Assert.Equal("1", orders["marker"]);
        Assert.Equal("o1", orders.Greeting);
        // Orders' acks reach the tap in the order orders sent them, so a (wrong) ack of the refresh would be there by now.
        List<string?> RefreshAcks() => [.. tap.Messages.Select(m => m.Json).OfType<JsonElement>()
            .Where(m => m.GetProperty("type").GetString() == "AckRemoteApplicationEvent" && m.GetProperty("ackId").GetString() == refreshId)
            .Select(m => m.GetProperty("originService").GetString()).Order()];
        await Wait.UntilAsync(() => RefreshAcks().Count >= 2, "the customers instances' acks of the refresh");
        Assert.Equal(new[] { customers1.BusId, customers2.BusId }.Order(), RefreshAcks());

        // A change to application.yml concerns every application: "*:**" reaches orders too.
        repo.Write("application.yml", "shop:\n  motd: m2\n").Commit();
        Assert.Equal(["*"], await MonitorAsync(serverUri, "application.yml"));
        // The raw configuration shows a reload a moment before the options cache is rebuilt, so wait for both.
        await Wait.UntilAsync(() => customers1["shop:motd"] == "m2" && customers2["shop:motd"] == "m2" && orders["shop:motd"] == "m2" && orders.Greeting == "o2",
            "every client to refresh, and orders to see its own changed greeting too");
        Assert.NotNull(tap.Find("RefreshRemoteApplicationEvent", e => e.GetProperty("destinationService").GetString() == "*:**"));
    }

    private static async Task<string[]> MonitorAsync(Uri server, string file)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Post, "monitor")
        {
            Content = new StringContent($$"""{"commits":[{"modified":["{{file}}"]}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Github-Event", "push");
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<string[]>(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
