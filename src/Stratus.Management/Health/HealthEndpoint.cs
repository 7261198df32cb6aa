using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Stratus.Management.Env;
using Stratus.Management.Http;
using Stratus.Shared;

namespace Stratus.Management.Health;

/// <summary>
/// <c>GET {base}/health</c>, <c>{base}/health/{component}</c>, <c>{base}/health/{group}</c> and
/// <c>{base}/health/{group}/{component}</c> in Spring's shape, from ASP.NET Core's <see cref="HealthCheckService"/>.
/// A group name wins over a check of the same name.
/// </summary>
internal sealed class HealthEndpoint(HealthCheckService checks, IOptions<ManagementOptions> options, ManagementAccess access, ApplicationAvailability availability)
{
    private const string Ping = "ping";
    private IReadOnlyDictionary<string, HealthGroup>? _groups;

    private IReadOnlyDictionary<string, HealthGroup> Groups => _groups ??= HealthGroup.Create(options.Value.Health);

    public async Task RootAsync(HttpContext context)
    {
        var report = await checks.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
        var components = HealthComponent.From(report);
        components[Ping] = HealthComponent.Up;
        var status = SpringStatus.Aggregate(components.Values.Select(c => c.Status));
        var details = await access.IsAuthorizedAsync(context, options.Value.Health.ShowDetails).ConfigureAwait(false);
        await ActuatorJson.WriteAsync(context, SpringStatus.HttpStatus(status), json =>
        {
            json.WriteStartObject();
            json.WriteString("status", status);
            if (details)
            {
                WriteComponents(json, components);
            }

            json.WriteStartArray("groups");
            foreach (var name in Groups.Keys)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task PathAsync(HttpContext context)
    {
        var path = context.GetRouteValue("path") as string ?? string.Empty;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var details = await access.IsAuthorizedAsync(context, options.Value.Health.ShowDetails).ConfigureAwait(false);
        if (segments.Length is 1 or 2 && Groups.TryGetValue(segments[0], out var group))
        {
            var report = await checks.CheckHealthAsync(group.Contains, context.RequestAborted).ConfigureAwait(false);
            var components = HealthComponent.From(report);
            if (group.StateComponent is { } state)
            {
                var accepting = group.Name != HealthGroup.Readiness || availability.AcceptingTraffic;
                components[state] = accepting ? HealthComponent.Up : new HealthComponent(SpringStatus.OutOfService, null);
            }

            if (segments.Length == 2)
            {
                await WriteComponentAsync(context, components.GetValueOrDefault(segments[1]), details).ConfigureAwait(false);
                return;
            }

            var status = SpringStatus.Aggregate(components.Values.Select(c => c.Status));
            await ActuatorJson.WriteAsync(context, SpringStatus.HttpStatus(status), json =>
            {
                json.WriteStartObject();
                json.WriteString("status", status);
                if (details)
                {
                    WriteComponents(json, components);
                }

                json.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        if (segments.Length != 1)
        {
            await WriteComponentAsync(context, null, details).ConfigureAwait(false);
            return;
        }

        var name = segments[0];
        HealthComponent? component = HealthComponent.Up;
        if (name != Ping)
        {
            var single = await checks.CheckHealthAsync(r => r.Name == name, context.RequestAborted).ConfigureAwait(false);
            component = HealthComponent.From(single).GetValueOrDefault(name);
        }

        await WriteComponentAsync(context, component, details).ConfigureAwait(false);
    }

    private async Task WriteComponentAsync(HttpContext context, HealthComponent? component, bool details)
    {
        if (component is null)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status404NotFound, "No health component or group at this path.", access.Time).ConfigureAwait(false);
            return;
        }

        await ActuatorJson.WriteAsync(context, SpringStatus.HttpStatus(component.Status), json => WriteComponent(json, component, details)).ConfigureAwait(false);
    }

    private static void WriteComponents(Utf8JsonWriter json, SortedDictionary<string, HealthComponent> components)
    {
        json.WriteStartObject("components");
        foreach (var (name, component) in components)
        {
            json.WritePropertyName(name);
            WriteComponent(json, component, details: true);
        }

        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, HealthComponent component, bool details)
    {
        json.WriteStartObject();
        json.WriteString("status", component.Status);
        if (details && component.Entry is { } entry)
        {
            var data = entry.Data.Where(d => d.Key != SpringStatus.DataKey).ToList();
            var error = entry.Status == HealthStatus.Healthy ? null : entry.Description ?? entry.Exception?.Message;
            if (data.Count > 0 || error is not null || entry.Status == HealthStatus.Degraded)
            {
                json.WriteStartObject("details");
                foreach (var (key, value) in data)
                {
                    WriteValue(json, key, value);
                }

                if (entry.Status == HealthStatus.Degraded)
                {
                    json.WriteBoolean("degraded", true);
                }

                if (error is not null)
                {
                    json.WriteString("error", ValueMasking.MaskInValue(error));
                }

                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        if (ValueMasking.IsSecretKey(key))
        {
            json.WriteString(key, ValueMasking.Mask);
            return;
        }

        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, ValueMasking.MaskInValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }
}
