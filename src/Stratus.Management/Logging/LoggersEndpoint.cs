using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Management.Http;
using Stratus.Shared;

namespace Stratus.Management.Logging;

/// <summary>
/// <c>GET {base}/loggers</c>, <c>GET {base}/loggers/{name}</c> and <c>POST {base}/loggers/{name}</c> in Spring's shape.
/// Listed: <c>ROOT</c>, every category a logger was created for, every configured category, and their dotted parents.
/// Any valid name can be read (its effective level is always known), so unknown names are not 404.
/// </summary>
internal sealed partial class LoggersEndpoint(IOptionsMonitor<LoggerFilterOptions> filters, LoggerLevelOverrides overrides, LoggerCategoryRecorder recorder, ManagementAccess access, ILogger<LoggersEndpoint> logger)
{
    public const string RootName = "ROOT";
    public const int MaxNameLength = 256;
    public const int MaxBodyBytes = 1024;

    public Task AllAsync(HttpContext context)
    {
        var options = filters.CurrentValue;
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var category in recorder.Categories.Concat(options.Rules.Select(r => r.CategoryName).OfType<string>()).Concat(overrides.Levels.Keys))
        {
            if (category.Length == 0 || category.Contains('*', StringComparison.Ordinal))
            {
                continue;
            }

            names.Add(category);
            for (var dot = category.LastIndexOf('.'); dot > 0; dot = category.LastIndexOf('.', dot - 1))
            {
                names.Add(category[..dot]);
            }
        }

        return ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("levels");
            foreach (var level in SpringLevels.Names)
            {
                json.WriteStringValue(level);
            }

            json.WriteEndArray();
            json.WriteStartObject("loggers");
            json.WritePropertyName(RootName);
            WriteLevels(json, options, null);
            foreach (var name in names)
            {
                json.WritePropertyName(name);
                WriteLevels(json, options, name);
            }

            json.WriteEndObject();
            json.WriteStartObject("groups");
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public async Task OneAsync(HttpContext context)
    {
        if (await NameAsync(context).ConfigureAwait(false) is not { } name)
        {
            return;
        }

        var options = filters.CurrentValue;
        await ActuatorJson.WriteAsync(context, json => WriteLevels(json, options, name.Length == 0 ? null : name)).ConfigureAwait(false);
    }

    public async Task SetAsync(HttpContext context)
    {
        if (await NameAsync(context).ConfigureAwait(false) is not { } name)
        {
            return;
        }

        var (level, problem) = await ReadLevelAsync(context.Request).ConfigureAwait(false);
        if (problem is not null)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, problem, access.Time).ConfigureAwait(false);
            return;
        }

        overrides.Set(name, level);
        var shown = name.Length == 0 ? RootName : name;
        if (level is { } set)
        {
            Log.LevelSet(logger, shown, set, context.Connection.RemoteIpAddress);
        }
        else
        {
            Log.LevelReset(logger, shown, context.Connection.RemoteIpAddress);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The logger name from the route, <see cref="LoggerLevelOverrides.Root"/> for ROOT, or null after answering 400.</summary>
    private async Task<string?> NameAsync(HttpContext context)
    {
        var name = context.GetRouteValue("name") as string ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl) || name.Contains('*', StringComparison.Ordinal))
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, $"The logger name must be 1 to {MaxNameLength} characters, without control characters or '*'.", access.Time).ConfigureAwait(false);
            return null;
        }

        return string.Equals(name, RootName, StringComparison.OrdinalIgnoreCase) ? LoggerLevelOverrides.Root : name;
    }

    private static async Task<(LogLevel? Level, string? Problem)> ReadLevelAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, $"The body must be at most {MaxBodyBytes} bytes.");
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return (null, $"The body must be at most {MaxBodyBytes} bytes.");
        }

        try
        {
            using var body = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("configuredLevel", out var configured))
            {
                return (null, "The body must be a JSON object with a 'configuredLevel' property.");
            }

            return configured.ValueKind switch
            {
                JsonValueKind.Null => (null, null),
                JsonValueKind.String when SpringLevels.FromSpring(configured.GetString()!) is { } level => (level, null),
                _ => (null, $"'configuredLevel' must be null or one of {string.Join(", ", SpringLevels.Names)}."),
            };
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }
    }

    private static void WriteLevels(Utf8JsonWriter json, LoggerFilterOptions options, string? category)
    {
        json.WriteStartObject();
        if (LoggerLevels.Configured(options, category) is { } configured)
        {
            json.WriteString("configuredLevel", SpringLevels.ToSpring(configured));
        }

        json.WriteString("effectiveLevel", SpringLevels.ToSpring(LoggerLevels.Effective(options, category)));
        json.WriteEndObject();
    }
}
