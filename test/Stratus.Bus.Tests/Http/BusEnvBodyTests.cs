using System.Net;
using System.Text;
using System.Text.Json;
using Stratus.Bus.Http;
using Stratus.Bus.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Http;

/// <summary>Bad <c>busenv</c> bodies against one real service: each gets 400 (413 when too large) with a message, and nothing is published.</summary>
public sealed class BusEnvBodyTests(BusEnvBodyTests.Service service) : IClassFixture<BusEnvBodyTests.Service>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "body is empty")]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"name\":\"a\",", "not JSON")]
    [InlineData("[\"name\",\"value\"]", "must be a JSON object")]
    [InlineData("\"name=value\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("{}", "Missing parameter 'name'")]
    [InlineData("{\"value\":\"v\"}", "Missing parameter 'name'")]
    [InlineData("{\"name\":null,\"value\":\"v\"}", "Missing parameter 'name'")]
    [InlineData("{\"name\":\"\",\"value\":\"v\"}", "'name' must be a non-empty string")]
    [InlineData("{\"name\":42,\"value\":\"v\"}", "'name' must be a non-empty string")]
    [InlineData("{\"name\":\"a\"}", "Missing parameter 'value'")]
    [InlineData("{\"name\":\"a\",\"value\":null}", "Missing parameter 'value'")]
    [InlineData("{\"name\":\"a\",\"value\":{\"b\":1}}", "'value' must be a string, number or boolean")]
    [InlineData("{\"name\":\"a\",\"value\":[1]}", "'value' must be a string, number or boolean")]
    public async Task A_bad_body_gets_400_naming_the_problem(string body, string problem)
    {
        using var response = await service.Client.Http.PostAsync(new Uri("actuator/busenv", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(problem, json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("/actuator/busenv", json.RootElement.GetProperty("path").GetString());
        Assert.Null(service.Tap.Find("EnvironmentChangeRemoteApplicationEvent"));
    }

    [Fact]
    public async Task Deep_nesting_is_refused_as_not_JSON()
    {
        var body = "{\"name\":\"a\",\"value\":" + new string('[', 100) + new string(']', 100) + "}";

        using var response = await service.Client.Http.PostAsync(new Uri("actuator/busenv", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KiB_gets_413_whether_its_length_is_announced_or_not(bool announced)
    {
        var body = "{\"name\":\"a\",\"value\":\"" + new string('x', BusEndpoints.MaxBody) + "\"}";
        HttpContent content = announced
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));

        using var response = await service.Client.Http.PostAsync(new Uri("actuator/busenv", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over 65536 bytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_destination_gets_400()
    {
        using var response = await service.Client.Http.PostAsync(new Uri("actuator/busrefresh/" + new string('a', 2000), UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(service.Tap.Find("RefreshRemoteApplicationEvent"));
    }

    /// <summary>One service and a tap on its bus destination, shared by the cases.</summary>
    public sealed class Service(RabbitMqBroker broker) : IAsyncLifetime
    {
        private readonly string _destination = Wait.NewDestination();

        public BusClient Client { get; private set; } = null!;

        public BusTap Tap { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Tap = await BusTap.OpenAsync(broker, _destination);
            Client = await BusClient.StartAsync(BusClient.Settings(broker, _destination, "bodies"));
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Tap.DisposeAsync();
        }
    }

    /// <summary>A body sent chunked, without a Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
