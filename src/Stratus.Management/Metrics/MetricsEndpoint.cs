using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stratus.Management.Http;
using Stratus.Shared;

namespace Stratus.Management.Metrics;

/// <summary>
/// <c>GET {base}/metrics</c> (names) and <c>{base}/metrics/{name}[?tag=k:v]</c> in Micrometer's shape, from the
/// OpenTelemetry instruments the meter provider listens to. Counters read as <c>COUNT</c>, gauges and up-down counters as
/// <c>VALUE</c>, histograms as <c>COUNT</c>, <c>TOTAL</c> and <c>MAX</c>; points matching the tag filters are summed.
/// </summary>
internal sealed class MetricsEndpoint(MetricsCollector collector, ManagementAccess access)
{
    public Task NamesAsync(HttpContext context)
    {
        var names = collector.Collect().Select(m => m.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("names");
            foreach (var name in names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public async Task OneAsync(HttpContext context)
    {
        var name = context.GetRouteValue("requiredMetricName") as string ?? string.Empty;
        var filters = new List<KeyValuePair<string, string>>();
        foreach (var tag in context.Request.Query["tag"])
        {
            var colon = tag?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon <= 0)
            {
                await SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, "Each 'tag' must read key:value.", access.Time).ConfigureAwait(false);
                return;
            }

            filters.Add(KeyValuePair.Create(tag![..colon], tag[(colon + 1)..]));
        }

        var metric = collector.Collect().FirstOrDefault(m => m.Name == name);
        var points = metric?.Points.Where(p => filters.All(f => p.Tags.Contains(f))).ToList() ?? [];
        if (metric is null || (filters.Count > 0 && points.Count == 0))
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status404NotFound, "No metric with this name and tags.", access.Time).ConfigureAwait(false);
            return;
        }

        var filtered = filters.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var available = points.SelectMany(p => p.Tags).Where(t => !filtered.Contains(t.Key))
            .GroupBy(t => t.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        await ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            if (metric.Description is not null)
            {
                json.WriteString("description", metric.Description);
            }

            if (metric.Unit is not null)
            {
                json.WriteString("baseUnit", metric.Unit);
            }

            json.WriteStartArray("measurements");
            var value = points.Sum(p => p.Value);
            switch (metric.Kind)
            {
                case MetricSnapshotKind.Counter:
                    WriteMeasurement(json, "COUNT", value);
                    break;
                case MetricSnapshotKind.Gauge:
                    WriteMeasurement(json, "VALUE", value);
                    break;
                default:
                    WriteMeasurement(json, "COUNT", value);
                    WriteMeasurement(json, "TOTAL", points.Sum(p => p.Total));
                    if (points.Where(p => p.Max is not null).Select(p => p.Max!.Value).DefaultIfEmpty(double.NaN).Max() is var max && !double.IsNaN(max))
                    {
                        WriteMeasurement(json, "MAX", max);
                    }

                    break;
            }

            json.WriteEndArray();
            json.WriteStartArray("availableTags");
            foreach (var tag in available)
            {
                json.WriteStartObject();
                json.WriteString("tag", tag.Key);
                json.WriteStartArray("values");
                foreach (var tagValue in tag.Select(t => t.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    json.WriteStringValue(tagValue);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void WriteMeasurement(System.Text.Json.Utf8JsonWriter json, string statistic, double value)
    {
        json.WriteStartObject();
        json.WriteString("statistic", statistic);
        json.WriteNumber("value", value);
        json.WriteEndObject();
    }
}
