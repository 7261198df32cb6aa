using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Stratus.ConfigServer.Http;

/// <summary>Spring Boot's error body (<c>timestamp, status, error, message, path</c>) so clients that read it keep working.</summary>
internal static class ErrorResponse
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string message, TimeProvider time)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteNumber("status", status);
            writer.WriteString("error", ReasonPhrases.GetReasonPhrase(status));
            writer.WriteString("message", message);
            writer.WriteString("path", PathRules.Shown(context.Request.Path.Value ?? "/"));
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
