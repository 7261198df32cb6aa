using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Bus.Addressing;
using Stratus.Bus.Events;
using Stratus.Shared;

namespace Stratus.Bus.Http;

/// <summary>
/// Spring's bus endpoints: <c>busrefresh</c>, <c>busenv</c> (body <c>{"name":"…","value":"…"}</c>) and <c>busshutdown</c>,
/// each with an optional destination in the remaining path (<c>/busrefresh/customers/9000</c> is <c>customers:9000</c>).
/// They answer 204 as Spring's write operations do; a bad <c>busenv</c> body gets 400 (413 when over
/// <see cref="MaxBody"/>) and a publish the broker did not confirm gets 503, each with a message.
/// </summary>
internal static partial class BusEndpoints
{
    public const int MaxBody = 64 * 1024;
    private const int MaxDestination = 1024;

    public static Task RefreshAsync(HttpContext context) =>
        PublishAsync(context, destination => new RefreshRemoteApplicationEvent { DestinationService = destination });

    public static Task ShutdownAsync(HttpContext context) =>
        PublishAsync(context, destination => new ShutdownRemoteApplicationEvent { DestinationService = destination });

    public static async Task EnvAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The busenv body is over {MaxBody} bytes.").ConfigureAwait(false);
            return;
        }

        var (name, value, problem) = ReadNameAndValue(body);
        if (problem is not null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { [name!] = value };
        await PublishAsync(context, destination => new EnvironmentChangeRemoteApplicationEvent { DestinationService = destination, Values = values }).ConfigureAwait(false);
    }

    /// <summary>Spring's <c>busEnv(String name, String value)</c> parameters, both required; numbers and booleans as their text.</summary>
    internal static (string? Name, string? Value, string? Problem) ReadNameAndValue(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null, "The busenv body is empty; send a JSON object {\"name\":\"key\",\"value\":\"value\"}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, null, "The busenv body is not JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, $"The busenv body must be a JSON object with name and value, not {root.ValueKind}.");
            }

            if (!root.TryGetProperty("name", out var name) || name.ValueKind == JsonValueKind.Null)
            {
                return (null, null, "Missing parameter 'name' in the busenv body.");
            }

            if (name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                return (null, null, "The busenv parameter 'name' must be a non-empty string.");
            }

            if (!root.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return (null, null, "Missing parameter 'value' in the busenv body.");
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
            return text is null
                ? (null, null, "The busenv parameter 'value' must be a string, number or boolean.")
                : (name.GetString(), text, null);
        }
    }

    private static async Task PublishAsync(HttpContext context, Func<string?, RemoteApplicationEvent> create)
    {
        var destination = BusDestination.FromPath(context.Request.RouteValues["destination"] as string);
        if (destination is { Length: > MaxDestination })
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"The destination is over {MaxDestination} characters.").ConfigureAwait(false);
            return;
        }

        var publisher = context.RequestServices.GetRequiredService<IBusPublisher>();
        try
        {
            await publisher.PublishAsync(create(destination), context.RequestAborted).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the broker or binder threw, the caller gets a 503 naming it, never a crash.
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.PublishFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Bus.Endpoints"), context.Request.Path.Value, e);
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Could not publish to the bus: " + e.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The body up to <see cref="MaxBody"/> bytes, or null when it is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBody)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        SpringErrorJson.WriteAsync(context, status, message, context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2240, EventName = "BusEndpointPublishFailed", Level = LogLevel.Warning,
            Message = "{Path}: publishing to the bus failed")]
        public static partial void PublishFailed(ILogger logger, string? path, Exception exception);
    }
}
