using Polly;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary>
/// <c>CircuitBreaker=myBreaker, forward:/fallback</c> (Spring's <c>name</c>, <c>fallbackUri</c>, <c>statusCodes</c>): a
/// Polly circuit breaker, shared by the routes that name it, counts upstream failures (no answer, 5xx, or a listed
/// status). While it is open nothing goes upstream. A failure, or an open breaker, is answered by the fallback route
/// when one is given (<c>forward:/path</c> goes through the gateway's routes again), else 503.
/// </summary>
internal sealed class CircuitBreakerFilter(string name, ResiliencePipeline<int> pipeline, string? fallbackPath, IReadOnlyList<int> statusCodes) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        exchange.Breaker = new BreakerUse(name, pipeline, fallbackPath, statusCodes);
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"CircuitBreaker name={name}{(fallbackPath is null ? string.Empty : " fallback=forward:" + fallbackPath)}";
}

/// <summary>The breaker a request goes through, with what counts as failure and where to fall back.</summary>
internal sealed record BreakerUse(string Name, ResiliencePipeline<int> Pipeline, string? FallbackPath, IReadOnlyList<int> StatusCodes)
{
    public bool IsFailure(int status) => status >= 500 || StatusCodes.Contains(status);
}
