using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Stratus.Observability.Tests.Support;

namespace Stratus.Observability.Tests.Tracing;

/// <summary>
/// Service A calls service B over HttpClient; both export Zipkin v2 JSON to a collector. All three are real Kestrel apps.
/// </summary>
[Collection(GlobalTracingCollection.Name)]
public sealed class TwoServiceTraceTests : IAsyncLifetime
{
    private ZipkinCollector _zipkin = null!;
    private TracedService _a = null!;
    private TracedService _b = null!;

    public async ValueTask InitializeAsync()
    {
        _zipkin = await ZipkinCollector.StartAsync();
        var settings = new Dictionary<string, string?> { ["Stratus:Observability:Tracing:Zipkin:Endpoint"] = _zipkin.Endpoint.ToString() };
        _b = await TracedService.StartAsync("service-b", settings, app => app.MapGet("/b", (HttpContext context, ILogger<ServiceB> log) =>
        {
            TestLog.BHandles(log, context.Request.Path.Value);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            return Results.Json(headers);
        }));
        var bAddress = _b.Address;
        _a = await TracedService.StartAsync("service-a", settings, app => app.MapGet("/a", async (IHttpClientFactory clients, ILogger<ServiceA> log) =>
        {
            TestLog.ACallsB(log);
            var body = await clients.CreateClient().GetStringAsync(new Uri(bAddress, "b"));
            return Results.Content(body, "application/json");
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _zipkin.DisposeAsync();
    }

    [Fact]
    public async Task One_trace_spans_both_services_and_their_logs()
    {
        using var response = await TestClient.SendAsync(new Uri(_a.Address, "a"));
        Assert.True(response.IsSuccessStatusCode);

        var (aServer, aClient, bServer) = await WaitForSpansAsync();
        var traceId = aServer.GetProperty("traceId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.False(aServer.TryGetProperty("parentId", out _));
        Assert.Equal(traceId, aClient.GetProperty("traceId").GetString());
        Assert.Equal(traceId, bServer.GetProperty("traceId").GetString());
        Assert.Equal(aServer.GetProperty("id").GetString(), aClient.GetProperty("parentId").GetString());
        Assert.Equal(aClient.GetProperty("id").GetString(), bServer.GetProperty("parentId").GetString());
        Assert.Equal("service-a", aServer.GetProperty("localEndpoint").GetProperty("serviceName").GetString());
        Assert.Equal("service-a", aClient.GetProperty("localEndpoint").GetProperty("serviceName").GetString());
        Assert.Equal("service-b", bServer.GetProperty("localEndpoint").GetProperty("serviceName").GetString());
        Assert.Equal("GET /b", bServer.GetProperty("name").GetString());
        Assert.Equal("/b", bServer.GetProperty("tags").GetProperty("url.path").GetString());
        Assert.Equal("200", bServer.GetProperty("tags").GetProperty("http.response.status_code").GetString());
        AssertTimes(aServer, bServer);

        // B saw both header formats of A's client span.
        var seenByB = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var clientId = aClient.GetProperty("id").GetString();
        Assert.Equal($"00-{traceId}-{clientId}-01", seenByB["traceparent"]);
        Assert.Equal(traceId, seenByB["x-b3-traceid"]);
        Assert.Equal(clientId, seenByB["x-b3-spanid"]);
        Assert.Equal(aServer.GetProperty("id").GetString(), seenByB["x-b3-parentspanid"]);
        Assert.Equal("1", seenByB["x-b3-sampled"]);

        AssertLogged(_a, "A calls B", traceId, "service-a");
        AssertLogged(_b, "B handles /b", traceId, "service-b");
    }

    [Theory]
    [InlineData("multi")]
    [InlineData("single")]
    public async Task A_caller_sending_only_B3_joins_the_trace(string style)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();
        var headers = style == "multi"
            ? new Dictionary<string, string> { ["X-B3-TraceId"] = traceId, ["X-B3-SpanId"] = callerSpan, ["X-B3-Sampled"] = "1" }
            : new Dictionary<string, string> { ["b3"] = $"{traceId}-{callerSpan}-1" };

        using var response = await TestClient.SendAsync(new Uri(_a.Address, "a"), headers);
        Assert.True(response.IsSuccessStatusCode);

        var (aServer, aClient, bServer) = await WaitForSpansAsync(traceId);
        Assert.Equal(callerSpan, aServer.GetProperty("parentId").GetString());
        Assert.Equal(aServer.GetProperty("id").GetString(), aClient.GetProperty("parentId").GetString());
        Assert.Equal(aClient.GetProperty("id").GetString(), bServer.GetProperty("parentId").GetString());

        // One server span for the request: the instrumentation made no sibling span with a different parent.
        Assert.Single(_zipkin.Spans(), s => s.GetProperty("name").GetString() == "GET /a" && s.GetProperty("traceId").GetString() == traceId);
        AssertLogged(_a, "A calls B", traceId, "service-a");
    }

    private async Task<(JsonElement AServer, JsonElement AClient, JsonElement BServer)> WaitForSpansAsync(string? traceId = null)
    {
        JsonElement? aServer = null, aClient = null, bServer = null;
        var found = await TestClient.EventuallyAsync(
            () =>
            {
                var spans = _zipkin.Spans().Where(s => traceId is null || s.GetProperty("traceId").GetString() == traceId).ToList();
                aServer = Find(spans, "service-a", "SERVER", "GET /a");
                bServer = Find(spans, "service-b", "SERVER", "GET /b");
                aClient = Find(spans, "service-a", "CLIENT", null);
                return aServer is not null && bServer is not null && aClient is not null;
            },
            () =>
            {
                _a.Flush();
                _b.Flush();
            });
        Assert.True(found, $"spans received: {string.Join('\n', _zipkin.Bodies)}");
        return (aServer!.Value, aClient!.Value, bServer!.Value);
    }

    private static JsonElement? Find(List<JsonElement> spans, string service, string kind, string? name)
    {
        foreach (var span in spans)
        {
            if (span.GetProperty("localEndpoint").GetProperty("serviceName").GetString() == service
                && span.TryGetProperty("kind", out var k) && k.GetString() == kind
                && (name is null || span.GetProperty("name").GetString() == name))
            {
                return span;
            }
        }

        return null;
    }

    private static void AssertTimes(JsonElement outer, JsonElement inner)
    {
        // Epoch microseconds: a plausible date, and B's request within A's.
        var start = outer.GetProperty("timestamp").GetInt64();
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(start / 1000).Year, 2024, 2100);
        Assert.InRange(inner.GetProperty("timestamp").GetInt64(), start, start + outer.GetProperty("duration").GetInt64());
        Assert.True(inner.GetProperty("duration").GetInt64() >= 1);
        Assert.True(outer.GetProperty("duration").GetInt64() >= inner.GetProperty("duration").GetInt64());
    }

    private sealed class ServiceA;

    private sealed class ServiceB;

    private static void AssertLogged(TracedService service, string message, string traceId, string serviceName)
    {
        var line = service.Logs.Select(l => JsonDocument.Parse(l).RootElement).Last(e => e.GetProperty("message").GetString() == message);
        Assert.Equal(traceId, line.GetProperty("trace.id").GetString());
        Assert.Matches("^[0-9a-f]{16}$", line.GetProperty("span.id").GetString()!);
        Assert.Equal(serviceName, line.GetProperty("service.name").GetString());
    }
}
