using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Stratus.Observability.Tracing;

namespace Stratus.Observability.Tests.Tracing;

public sealed class ZipkinSpanWriterTests
{
    [Fact]
    public void Writes_a_Zipkin_v2_span_exactly()
    {
        using var source = new ActivitySource("Tests.ZipkinSpanWriter");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var parent = new ActivityContext(ActivityTraceId.CreateFromString("5af7183fb1d4cf5f5af7183fb1d4cf5f"), ActivitySpanId.CreateFromString("6b221d5bc9e6496c"), ActivityTraceFlags.Recorded, isRemote: true);
        var start = new DateTimeOffset(2019, 4, 30, 6, 2, 52, TimeSpan.Zero).AddTicks(3557370);
        using var activity = source.StartActivity(ActivityKind.Server, parent, startTime: start, name: "GET /api/{id}")!;
        activity.DisplayName = "GET /api/{id}";
        activity.SetTag("http.request.method", "GET").SetTag("url.path", "/api/\"7\"").SetTag("http.response.status_code", 500).SetTag("retry", true);
        activity.SetTag("client.address", "172.19.0.2");
        activity.SetStatus(ActivityStatusCode.Error, "boom");
        activity.AddEvent(new ActivityEvent("retry", new DateTimeOffset(2019, 4, 30, 6, 2, 52, 356, TimeSpan.Zero)));
        activity.SetEndTime(activity.StartTimeUtc.AddTicks(14310));

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ZipkinSpanWriter.WriteSpan(writer, activity, "backend");
        }

        var expected = $$$"""
            {"traceId":"5af7183fb1d4cf5f5af7183fb1d4cf5f","id":"{{{activity.SpanId.ToHexString()}}}","parentId":"6b221d5bc9e6496c","name":"GET /api/{id}","kind":"SERVER","timestamp":1556604172355737,"duration":1431,"localEndpoint":{"serviceName":"backend"},"remoteEndpoint":{"ipv4":"172.19.0.2"},"annotations":[{"timestamp":1556604172356000,"value":"retry"}],"tags":{"http.request.method":"GET","url.path":"/api/\u00227\u0022","http.response.status_code":"500","retry":"true","client.address":"172.19.0.2","otel.status_code":"ERROR","error":"boom"}}
            """;
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
