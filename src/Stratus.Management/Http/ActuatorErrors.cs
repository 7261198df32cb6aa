using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Stratus.Management.Http;

/// <summary>Errors the endpoints answer themselves, in Spring's error JSON shape (timestamp, path, status, error, message). Never a stack trace.</summary>
internal static class ActuatorErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string message, TimeProvider time)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, ActuatorJson.WriterOptions))
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
