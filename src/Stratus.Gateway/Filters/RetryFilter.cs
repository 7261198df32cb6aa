using Microsoft.AspNetCore.Http;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary>
/// <c>Retry=3</c> (Spring's <c>retries</c>, <c>statuses</c>, <c>series</c>, <c>methods</c>, <c>backoff.*</c>): the
/// upstream call is repeated when it fails to connect, times out, or answers a listed status or series (5xx by
/// default); for a load-balanced route each attempt goes to the next instance. Only requests without a body and with
/// an allowed method (GET by default) are retried, so nothing is sent twice that could change state twice.
/// </summary>
internal sealed class RetryFilter(RetryPolicy policy) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var request = exchange.Context.Request;
        var bodiless = request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding");
        if (bodiless && policy.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            exchange.Retry = policy;
        }

        return ValueTask.FromResult(true);
    }

    public string Describe() => $"Retry retries={policy.Retries} statuses=[{string.Join(", ", policy.Statuses)}] series=[{string.Join(", ", policy.Series)}] methods=[{string.Join(", ", policy.Methods)}]";
}

/// <summary>What a route's Retry filter allows.</summary>
internal sealed record RetryPolicy(int Retries, IReadOnlyList<int> Statuses, IReadOnlyList<int> Series, IReadOnlyList<string> Methods, TimeSpan FirstBackoff, TimeSpan MaxBackoff, double Factor)
{
    public static readonly HttpRequestOptionsKey<RetryPolicy> Key = new("stratus.gateway.retry");

    public bool RetriesStatus(int status) => Statuses.Contains(status) || Series.Contains(status / 100);

    public TimeSpan Backoff(int attempt)
    {
        if (FirstBackoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var delay = FirstBackoff * Math.Pow(Factor, attempt - 1);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }

    public static int SeriesOf(string name) => name.ToUpperInvariant() switch
    {
        "INFORMATIONAL" => 1,
        "SUCCESSFUL" => 2,
        "REDIRECTION" => 3,
        "CLIENT_ERROR" => 4,
        "SERVER_ERROR" => 5,
        _ => throw new FormatException($"'{name}' is not a status series (INFORMATIONAL, SUCCESSFUL, REDIRECTION, CLIENT_ERROR, SERVER_ERROR)"),
    };

    /// <summary>Default methods: GET only, as Spring.</summary>
    public static readonly string[] DefaultMethods = [HttpMethods.Get];
}
