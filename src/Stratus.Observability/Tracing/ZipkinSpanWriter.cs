using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Stratus.Observability.Tracing;

/// <summary>Writes spans as a Zipkin v2 <c>ListOfSpans</c> (zipkin2-api.yaml): ids in lower hex, times in epoch microseconds.</summary>
internal static class ZipkinSpanWriter
{
    public static void WriteSpan(Utf8JsonWriter writer, Activity activity, string serviceName)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", Propagation.B3Format.TraceIdHex(activity.TraceId));
        writer.WriteString("id", activity.SpanId.ToHexString());
        if (activity.ParentSpanId != default)
        {
            writer.WriteString("parentId", activity.ParentSpanId.ToHexString());
        }

        writer.WriteString("name", activity.DisplayName);
        if (Kind(activity.Kind) is { } kind)
        {
            writer.WriteString("kind", kind);
        }

        writer.WriteNumber("timestamp", Microseconds(activity.StartTimeUtc));
        writer.WriteNumber("duration", Math.Max(1L, activity.Duration.Ticks / 10));
        writer.WriteStartObject("localEndpoint");
        writer.WriteString("serviceName", serviceName);
        writer.WriteEndObject();
        if (RemoteEndpoint(activity) is ({ } address, var port))
        {
            writer.WriteStartObject("remoteEndpoint");
            writer.WriteString(address.Contains(':', StringComparison.Ordinal) ? "ipv6" : "ipv4", address);
            if (port > 0)
            {
                writer.WriteNumber("port", port);
            }

            writer.WriteEndObject();
        }

        WriteAnnotations(writer, activity);
        writer.WriteStartObject("tags");
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is not null)
            {
                writer.WriteString(key, TagValue(value));
            }
        }

        if (activity.Status == ActivityStatusCode.Error)
        {
            // Zipkin marks failed spans with an "error" tag; its value is the description, or empty when there is none.
            writer.WriteString("otel.status_code", "ERROR");
            writer.WriteString("error", activity.StatusDescription ?? string.Empty);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter writer, Activity activity)
    {
        var started = false;
        foreach (var activityEvent in activity.Events)
        {
            if (!started)
            {
                writer.WriteStartArray("annotations");
                started = true;
            }

            writer.WriteStartObject();
            writer.WriteNumber("timestamp", Microseconds(activityEvent.Timestamp.UtcDateTime));
            writer.WriteString("value", activityEvent.Name);
            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static (string? Address, int Port) RemoteEndpoint(Activity activity)
    {
        if (activity.Kind is not (ActivityKind.Client or ActivityKind.Server))
        {
            return default;
        }

        var key = activity.Kind == ActivityKind.Client ? "server.address" : "client.address";
        var address = activity.GetTagItem(key) as string;
        var port = activity.Kind == ActivityKind.Client && activity.GetTagItem("server.port") is int p ? p : 0;
        return System.Net.IPAddress.TryParse(address, out _) ? (address, port) : default;
    }

    private static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static string? Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.Server => "SERVER",
        ActivityKind.Client => "CLIENT",
        ActivityKind.Producer => "PRODUCER",
        ActivityKind.Consumer => "CONSUMER",
        _ => null,
    };

    private static string TagValue(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(',', items.Cast<object?>().Select(i => i is null ? string.Empty : TagValue(i))),
        _ => value.ToString() ?? string.Empty,
    };
}
