using Microsoft.AspNetCore.Http;

namespace Stratus.ConfigServer.Http;

/// <summary>Reads a request body up to a limit; null when the body is larger, so oversized input is refused before it is buffered.</summary>
internal static class BodyReader
{
    public static async Task<byte[]?> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
