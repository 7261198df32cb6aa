using System.Text.Json;
using Stratus.IntegrationTests.Discovery;
using Stratus.Observability.Tests.Support;

namespace Stratus.IntegrationTests.Tracing;

/// <summary>
/// One request through two real service processes (the test service with <c>builder.AddStratus()</c> only), registered
/// with a real registry process and calling each other by name: one trace id in both services' spans, as a real
/// Zipkin-compatible endpoint receives them, and in both services' JSON log lines; a caller that speaks only B3 joins.
/// </summary>
public sealed class TraceAcrossServicesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_trace_id_runs_through_both_services_spans_and_log_lines_for_W3C_and_B3_callers()
    {
        await using var collector = await ZipkinCollector.StartAsync();
        await using var fleet = await ServiceFleet.StartAsync();
        string[] tracing = [$"--Stratus:Observability:Tracing:Zipkin:Endpoint={collector.Endpoint}"];
        var (back, _, _) = await fleet.StartServiceAsync("back", "back-1", tracing);
        var (front, frontAddress, _) = await fleet.StartServiceAsync("front", "front-1", [.. tracing, "--Callee=back"]);
        using var client = new HttpClient { BaseAddress = frontAddress, Timeout = TimeSpan.FromSeconds(30) };

        // A W3C caller: the trace id it sends is the one both services must use.
        var w3cTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        using (var request = new HttpRequestMessage(HttpMethod.Get, "call?path=/whoami"))
        {
            request.Headers.Add("traceparent", $"00-{w3cTrace}-00f067aa0ba902b7-01");
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal("back-1", await response.Content.ReadAsStringAsync(Ct));
        }

        // A caller that speaks only B3 (as a Spring Sleuth service does).
        var b3Trace = "80f198ee56343ba864fe8b2a57d3eff7";
        var b3Parent = "e457b5a2e4d86bd1";
        using (var request = new HttpRequestMessage(HttpMethod.Get, "call?path=/whoami"))
        {
            request.Headers.Add("X-B3-TraceId", b3Trace);
            request.Headers.Add("X-B3-SpanId", b3Parent);
            request.Headers.Add("X-B3-Sampled", "1");
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal("back-1", await response.Content.ReadAsStringAsync(Ct));
        }

        foreach (var (trace, parent) in new[] { (w3cTrace, "00f067aa0ba902b7"), (b3Trace, b3Parent) })
        {
            // Spans arrive in batches; wait until both services' server spans of this trace are in.
            await ServiceFleet.WaitUntilAsync(
                () => Task.FromResult(ServerSpans(Trace(collector, trace)).Select(Service).Distinct().Count() == 2),
                TimeSpan.FromSeconds(40), $"server spans of trace {trace} from both services");
            var spans = Trace(collector, trace);
            var frontServer = ServerSpans(spans).Single(s => Service(s) == "front");
            var backServer = ServerSpans(spans).Single(s => Service(s) == "back");
            Assert.Equal(parent, frontServer.GetProperty("parentId").GetString());

            // front's outgoing call is a CLIENT span of the same trace, and back's server span hangs under it.
            var frontClient = spans.Single(s => Kind(s) == "CLIENT" && Service(s) == "front");
            Assert.Equal(frontServer.GetProperty("id").GetString(), frontClient.GetProperty("parentId").GetString());
            Assert.Equal(frontClient.GetProperty("id").GetString(), backServer.GetProperty("parentId").GetString());

            // Both services' log lines of this request carry the trace id, as ECS JSON.
            Assert.Contains(LogLines(front.Stdout), l => l.TraceId == trace && l.Message.Contains("calling /whoami", StringComparison.Ordinal));
            Assert.Contains(LogLines(back.Stdout), l => l.TraceId == trace && l.Message.Contains("whoami answered by back-1", StringComparison.Ordinal));
        }
    }

    private static List<JsonElement> Trace(ZipkinCollector collector, string traceId) =>
        [.. collector.Spans().Where(s => s.GetProperty("traceId").GetString() == traceId)];

    private static IEnumerable<JsonElement> ServerSpans(IEnumerable<JsonElement> spans) => spans.Where(s => Kind(s) == "SERVER");

    private static string? Kind(JsonElement span) => span.TryGetProperty("kind", out var kind) ? kind.GetString() : null;

    private static string? Service(JsonElement span) =>
        span.TryGetProperty("localEndpoint", out var endpoint) && endpoint.TryGetProperty("serviceName", out var name) ? name.GetString() : null;

    /// <summary>The JSON lines of a process's stdout, as (trace.id, message); other lines are skipped.</summary>
    private static List<(string? TraceId, string Message)> LogLines(string stdout)
    {
        var lines = new List<(string?, string)>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var trace = root.TryGetProperty("trace.id", out var id) ? id.GetString()
                : root.TryGetProperty("trace", out var nested) && nested.TryGetProperty("id", out var nestedId) ? nestedId.GetString() : null;
            lines.Add((trace, root.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty));
        }

        return lines;
    }
}
