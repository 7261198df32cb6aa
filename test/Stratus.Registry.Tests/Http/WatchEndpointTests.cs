using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Stratus.Registry.Tests.Http;

public sealed class WatchEndpointTests : IAsyncLifetime
{
    private RegistryServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await RegistryServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Long_poll_answers_as_soon_as_the_registry_changes()
    {
        var version = await CurrentVersionAsync();
        var watch = _server.Client.GetStringAsync($"eureka/watch?since={version}&timeout=20", Ct);
        await Task.Yield();
        Assert.False(watch.IsCompleted);

        var clock = Stopwatch.StartNew();
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        using var doc = JsonDocument.Parse(await watch.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"watch answered after {clock.Elapsed}");
        Assert.True(doc.RootElement.GetProperty("changed").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("version").GetInt64() > version);
        Assert.Equal("UP_1_", doc.RootElement.GetProperty("appsHashcode").GetString());
    }

    [Fact]
    public async Task Long_poll_reports_no_change_when_the_wait_ends()
    {
        var version = await CurrentVersionAsync();

        var body = await _server.Client.GetStringAsync($"eureka/watch?since={version}&timeout=1", Ct);

        Assert.Equal($"{{\"version\":{version},\"changed\":false}}", body);
    }

    [Fact]
    public async Task Event_stream_delivers_one_event_per_change()
    {
        var version = await CurrentVersionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"eureka/watch?since={version}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal("event: registry", await reader.ReadLineAsync(timeout.Token));
        Assert.Equal($"id: {version + 1}", await reader.ReadLineAsync(timeout.Token));
        Assert.StartsWith($"data: {{\"version\":{version + 1},\"changed\":true", await reader.ReadLineAsync(timeout.Token), StringComparison.Ordinal);
    }

    private async Task<long> CurrentVersionAsync()
    {
        using var doc = JsonDocument.Parse(await _server.Client.GetStringAsync("eureka/watch", Ct));
        return doc.RootElement.GetProperty("version").GetInt64();
    }
}
