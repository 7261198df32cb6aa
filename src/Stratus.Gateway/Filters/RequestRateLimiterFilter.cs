using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stratus.Gateway.RateLimiting;
using Stratus.Gateway.Routing;
using Stratus.Shared;

namespace Stratus.Gateway.Filters;

/// <summary>
/// <c>RequestRateLimiter</c>: a token bucket per route and key (the caller's principal name, or its address through trusted
/// proxies), in this process or in Redis. Spring's answers: <c>X-RateLimit-Remaining</c>, <c>-Replenish-Rate</c>,
/// <c>-Burst-Capacity</c>, <c>-Requested-Tokens</c> headers; 429 when the bucket is empty; an empty key refused
/// (403 by default) unless <c>deny-empty-key</c> is false. A client's own forwarding headers never choose its key.
/// </summary>
internal sealed class RequestRateLimiterFilter(
    string routeId, IRateLimiter limiter, BucketSettings settings, RateLimitKey key, bool denyEmptyKey, int emptyKeyStatus, bool redis, TimeProvider time) : IGatewayFilter
{
    public async ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var context = exchange.Context;
        var id = key == RateLimitKey.Principal ? context.User.Identity?.Name : exchange.ClientAddress?.ToString();
        if (string.IsNullOrEmpty(id))
        {
            if (denyEmptyKey)
            {
                context.Response.StatusCode = emptyKeyStatus;
                return false;
            }

            return true;
        }

        var decision = await limiter.TryTakeAsync(routeId + "." + id, settings, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Remaining"] = decision.TokensLeft.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Replenish-Rate"] = settings.ReplenishRate.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Burst-Capacity"] = settings.BurstCapacity.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requested-Tokens"] = settings.RequestedTokens.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            return true;
        }

        if (decision.TokensLeft < 0)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The rate limiter is unavailable", time).ConfigureAwait(false);
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return false;
    }

    public bool UsesPrincipal => key == RateLimitKey.Principal;

    public string Describe() => $"RequestRateLimiter {(redis ? "redis" : "local")} replenishRate={settings.ReplenishRate} burstCapacity={settings.BurstCapacity} requestedTokens={settings.RequestedTokens} key={(key == RateLimitKey.Principal ? "principal" : "client-address")}";
}

/// <summary>What identifies a caller for rate limiting.</summary>
internal enum RateLimitKey
{
    /// <summary>The authenticated principal's name (Spring's default <c>PrincipalNameKeyResolver</c>).</summary>
    Principal,

    /// <summary>The client's address, through trusted proxies only.</summary>
    ClientAddress,
}
