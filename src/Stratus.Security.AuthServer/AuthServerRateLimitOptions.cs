using System.ComponentModel.DataAnnotations;

namespace Stratus.Security.AuthServer;

/// <summary>
/// Fixed-window limits against brute force, <c>Stratus:AuthServer:RateLimits</c>: requests over a limit get 429 with
/// <c>Retry-After</c>.
/// </summary>
public sealed class AuthServerRateLimitOptions
{
    /// <summary>Token requests per window for one client address and client id. Default 300.</summary>
    [Range(1, int.MaxValue)]
    public int TokenPermitLimit { get; set; } = 300;

    /// <summary>Login form posts per window for one client address. Default 10.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitLimit { get; set; } = 10;

    /// <summary>The window of both limits. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
