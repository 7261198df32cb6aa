using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Stratus.Registry.Http;

/// <summary>Reads a request body with a hard size limit: past it the caller answers 413 before parsing anything.</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = new ArrayBufferWriter<byte>(context.Request.ContentLength is { } length and > 0 ? (int)length : 1024);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                var read = await context.Request.Body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    public static Task TooLargeAsync(HttpContext context, int limit) =>
        TextAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body larger than {limit} bytes");

    public static Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
