using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Stratus.Registry.Snapshots;

namespace Stratus.Registry.Http;

/// <summary>Eureka's content negotiation: JSON when <c>Accept</c> asks for it, XML otherwise; gzip when accepted.</summary>
internal static class Negotiation
{
    public static bool WantsJson(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static Task WriteAsync(HttpContext context, SnapshotPayload payload, bool json)
    {
        var gzip = AcceptsGzip(context.Request);
        var bytes = gzip ? payload.Gzip : payload.Raw;
        return WriteBytesAsync(context, bytes, json, gzip);
    }

    public static Task WriteAsync(HttpContext context, byte[] raw, bool json) =>
        WriteBytesAsync(context, raw, json, gzip: false);

    private static async Task WriteBytesAsync(HttpContext context, byte[] bytes, bool json, bool gzip)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = json ? "application/json" : "application/xml";
        response.Headers[HeaderNames.Vary] = "Accept, Accept-Encoding";
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = bytes.Length;
        await response.BodyWriter.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
