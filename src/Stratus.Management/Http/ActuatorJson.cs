using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Stratus.Management.Http;

/// <summary>
/// Writes an endpoint's JSON body with Spring's content type, <c>application/vnd.spring-boot.actuator.v3+json</c>, or
/// plain <c>application/json</c> when the Accept header names that and neither the actuator type nor a wildcard.
/// </summary>
internal static class ActuatorJson
{
    public const string ActuatorV3 = "application/vnd.spring-boot.actuator.v3+json";

    // Our bodies are JSON, never HTML: keep '+', '{' and non-ASCII names readable.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ContentType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return ActuatorV3;
        }

        var json = false;
        foreach (var type in accept)
        {
            var media = type.MediaType.Value;
            if (media is null || type.Quality == 0)
            {
                continue;
            }

            if (media.Equals(ActuatorV3, StringComparison.OrdinalIgnoreCase) || media is "*/*" || media.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return ActuatorV3;
            }

            json |= media.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        }

        return json ? "application/json" : ActuatorV3;
    }

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, WriterOptions))
        {
            write(json);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType(context.Request);
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write) => WriteAsync(context, StatusCodes.Status200OK, write);
}
