using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Stratus.Gateway.Proxy;

/// <summary>Errors the gateway answers itself, in Spring's error JSON shape (timestamp, path, status, error, message).</summary>
internal static class GatewayErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string message, TimeProvider time)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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

        await response.Body.WriteAsync(body.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
