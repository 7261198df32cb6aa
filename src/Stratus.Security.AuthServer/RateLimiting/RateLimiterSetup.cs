using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Stratus.Security.AuthServer.RateLimiting;

/// <summary>Adds the token and login policies to ASP.NET Core's rate limiter, sized from <see cref="AuthServerRateLimitOptions"/>.</summary>
internal sealed class RateLimiterSetup(IOptions<AuthServerOptions> options) : IConfigureOptions<RateLimiterOptions>
{
    public void Configure(RateLimiterOptions limiter)
    {
        var limits = options.Value.RateLimits;
        limiter.AddPolicy(AuthServerSchemes.TokenRateLimit, new BruteForceLimitPolicy(limits.TokenPermitLimit, limits.Window, byClientId: true));
        limiter.AddPolicy(AuthServerSchemes.LoginRateLimit, new BruteForceLimitPolicy(limits.LoginPermitLimit, limits.Window, byClientId: false));
    }
}
