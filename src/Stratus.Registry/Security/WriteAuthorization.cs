using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Stratus.Registry.Security;

/// <summary>Checks the optional basic or bearer credentials that writes require when configured.</summary>
internal static class WriteAuthorization
{
    public static bool IsAuthorized(HttpContext context, RegistryOptions options)
    {
        if (!options.RequiresAuthentication)
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(options.BearerToken))
        {
            return FixedEquals(header.AsSpan(7).Trim(), options.BearerToken);
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(options.Username))
        {
            var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password));
            return FixedEquals(header.AsSpan(6).Trim(), expected);
        }

        return false;
    }

    public static Task ChallengeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"stratus-registry\"";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Authentication required for registry writes");
    }

    private static bool FixedEquals(ReadOnlySpan<char> actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            MemoryMarshalBytes(actual),
            Encoding.UTF8.GetBytes(expected));

    private static byte[] MemoryMarshalBytes(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
