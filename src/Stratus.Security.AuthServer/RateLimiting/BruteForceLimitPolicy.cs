using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Stratus.Security.AuthServer.RateLimiting;

/// <summary>
/// A fixed window per caller for an endpoint that checks credentials: the token endpoint (per client address and the
/// client id of a Basic header) or the login form (per client address). Past the limit: 429 with <c>Retry-After</c>.
/// The caller's address is the TCP peer's; behind a proxy, configure forwarded headers so it is the client's.
/// </summary>
internal sealed class BruteForceLimitPolicy(int permitLimit, TimeSpan window, bool byClientId) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var key = byClientId ? address + "|" + BasicClientId(httpContext.Request.Headers.Authorization) : address;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The client id of a <c>client_secret_basic</c> header, or empty.</summary>
    internal static string BasicClientId(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: > 0 and < 4096 } encoded)
        {
            return "";
        }

        Span<byte> bytes = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return "";
        }

        var text = Encoding.UTF8.GetString(bytes[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? Uri.UnescapeDataString(text[..colon]) : "";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(
            """{"error":"too_many_requests","error_description":"Too many requests from this client; retry after the time in Retry-After."}""",
            cancellationToken).ConfigureAwait(false);
    }
}
