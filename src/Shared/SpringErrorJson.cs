using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Stratus.Shared;

/// <summary>
/// Spring Boot's error body (<c>timestamp, path, status, error, message, requestId</c>) for errors a Stratus server
/// answers itself; never a stack trace. Shared source: compiled into each library that links it.
/// </summary>
internal static class SpringErrorJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string message, TimeProvider time)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, Options))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", time.GetUtcNow());
            json.WriteString("path", context.Request.Path.Value);
            json.WriteNumber("status", status);
            json.WriteString("error", ReasonPhrases.GetReasonPhrase(status));
            json.WriteString("message", message);
            json.WriteString("requestId", context.TraceIdentifier);
            json.WriteEndObject();
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
