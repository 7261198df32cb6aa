using System.Net;
using System.Text;
using Stratus.Bus.Tests.Support;
using Stratus.ConfigServer.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Http;

/// <summary>
/// <c>POST /actuator/busrefresh</c> and <c>/actuator/busenv</c> on real services, against a real config server over a
/// plain folder (without the bus, so it publishes nothing itself; the services learn of changes only from these
/// endpoints) and a real RabbitMQ node.
/// Bus ids are set, as operators do to reach one instance: <c>customers:a:1</c>, <c>customers:b:1</c>, <c>orders:a:1</c>.
/// </summary>
public sealed class BusEndpointTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _destination = Wait.NewDestination();
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-bus-native-").FullName;
    private ConfigServerHost _server = null!;
    private BusClient _customersA = null!;
    private BusClient _customersB = null!;
    private BusClient _orders = null!;

    public async ValueTask InitializeAsync()
    {
        Files("c1", "o1");
        _server = await ConfigServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:ConfigServer:Native:SearchLocations:0"] = _folder,
            ["Stratus:ConfigServer:Git:RefreshRate"] = "00:00:00.100",
        });
        _customersA = await BusClient.StartAsync(BusClient.Settings(broker, _destination, "customers", "customers:a:1", _server.BaseAddress));
        _customersB = await BusClient.StartAsync(BusClient.Settings(broker, _destination, "customers", "customers:b:1", _server.BaseAddress));
        _orders = await BusClient.StartAsync(BusClient.Settings(broker, _destination, "orders", "orders:a:1", _server.BaseAddress));
    }

    [Fact]
    public async Task Busrefresh_with_a_destination_reaches_only_the_services_it_matches()
    {
        await ChangeAsync("c2", "o2");

        // From orders, to every customers instance: orders itself is not one of them.
        await PostAsync(_orders, "actuator/busrefresh/customers");
        await Wait.UntilAsync(() => _customersA.Greeting == "c2" && _customersB.Greeting == "c2", "both customers instances to refresh");
        Assert.Equal("o1", _orders.Greeting);

        // To one instance, by the remaining path: customers/b is customers:b, that is customers:b:**.
        await ChangeAsync("c3", "o3");
        await PostAsync(_customersA, "actuator/busrefresh/customers/b");
        await Wait.UntilAsync(() => _customersB.Greeting == "c3", "customers b to refresh");
        Assert.Equal("c2", _customersA.Greeting);
        Assert.Equal("o1", _orders.Greeting);
    }

    [Fact]
    public async Task Busrefresh_without_a_destination_reaches_everyone_and_the_caller_first()
    {
        await ChangeAsync("c4", "o4");

        await PostAsync(_customersB, "actuator/busrefresh");

        // The caller acts before it answers, as Spring's local listener does; the others as the event arrives.
        Assert.Equal("c4", _customersB.Greeting);
        await Wait.UntilAsync(() => _customersA.Greeting == "c4" && _orders.Greeting == "o4", "every service to refresh");
    }

    [Fact]
    public async Task Busenv_sets_a_value_above_every_source_on_the_matching_services_and_options_monitors_hear_it()
    {
        var changesBefore = _customersA.Changes;

        await PostAsync(_orders, "actuator/busenv", """{"name":"shop.greeting","value":"from-the-bus"}""");
        await Wait.UntilAsync(() => _customersA.Greeting == "from-the-bus" && _customersB.Greeting == "from-the-bus", "customers to take the value");
        Assert.Equal("from-the-bus", _orders.Greeting);
        Assert.True(_customersA.Changes > changesBefore);

        // A refresh fetches the server's value again, and the bus value still wins, as Spring's EnvironmentManager source does.
        await ChangeAsync("c5", "o5");
        await PostAsync(_customersA, "actuator/busrefresh/customers:a");
        Assert.Equal("c5", _customersA.BelowBus("shop:greeting"));
        Assert.Equal("from-the-bus", _customersA.Greeting);

        // To one instance, with a number for a value, as Spring converts it.
        await PostAsync(_orders, "actuator/busenv/customers:b", """{"name":"shop.motd","value":42}""");
        await Wait.UntilAsync(() => _customersB["shop:motd"] == "42", "customers b to take the value");
        await PostAsync(_orders, "actuator/busenv", """{"name":"marker","value":"m"}""");
        await Wait.UntilAsync(() => _customersA["marker"] == "m", "customers a to take the broadcast after it");
        Assert.Null(_customersA["shop:motd"]);
    }

    [Fact]
    public async Task Endpoints_not_exposed_are_not_mapped()
    {
        var settings = BusClient.Settings(broker, _destination, "hidden", "hidden:a:1");
        settings["Stratus:Management:Exposure:Include"] = "health,busenv";
        await using var hidden = await BusClient.StartAsync(settings);

        using var refresh = await hidden.Http.PostAsync(new Uri("actuator/busrefresh", UriKind.Relative), null, Ct);
        using var env = await hidden.Http.PostAsync(new Uri("actuator/busenv", UriKind.Relative), Json("""{"name":"a","value":"b"}"""), Ct);

        Assert.Equal(HttpStatusCode.NotFound, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, env.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _customersA.DisposeAsync();
        await _customersB.DisposeAsync();
        await _orders.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void Files(string customers, string orders)
    {
        File.WriteAllText(Path.Combine(_folder, "customers.yml"), $"shop:\n  greeting: {customers}\n");
        File.WriteAllText(Path.Combine(_folder, "orders.yml"), $"shop:\n  greeting: {orders}\n");
    }

    /// <summary>Writes the files and waits until the server serves them (it notices a changed folder within its refresh rate).</summary>
    private async Task ChangeAsync(string customers, string orders)
    {
        Files(customers, orders);
        await Eventually.TrueAsync(
            async () => (await _server.Client.GetStringAsync(new Uri("customers/default", UriKind.Relative), Ct)).Contains(customers, StringComparison.Ordinal)
                        && (await _server.Client.GetStringAsync(new Uri("orders/default", UriKind.Relative), Ct)).Contains(orders, StringComparison.Ordinal),
            Wait.Timeout,
            "the config server to serve the new files");
    }

    private static async Task PostAsync(BusClient client, string path, string? body = null)
    {
        using var response = await client.Http.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : Json(body), Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
