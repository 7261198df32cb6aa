using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Stratus.LoadBalancing;

/// <summary>
/// The per-service pipeline outside the balancer: rate limit, bulkhead, total time-out, then retry. Retry sends a
/// call again only when that cannot do harm: the method is idempotent (GET, HEAD, OPTIONS, TRACE; PUT and DELETE
/// when configured; any method carrying <c>Idempotency-Key</c>), or the request never reached an instance
/// (connection refused, breaker open, no instance chosen).
/// </summary>
internal static partial class ServicePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceSettings s, string serviceId,
        LoadBalancingMetrics metrics, ILogger logger)
    {
        var tags = new KeyValuePair<string, object?>("service", serviceId);
        if (s.PermitsPerSecond > 0)
        {
            builder.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = s.PermitsPerSecond,
                TokensPerPeriod = s.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }

        if (s.MaxConcurrentRequests > 0)
        {
            builder.AddConcurrencyLimiter(s.MaxConcurrentRequests, s.MaxQueuedRequests);
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = s.Timeout,
            OnTimeout = args =>
            {
                metrics.Timeouts.Add(1, tags);
                Log.CallTimedOut(logger, serviceId, args.Timeout.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });

        if (s.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = s.MaxRetryAttempts,
                Delay = s.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, s)),
                OnRetry = args =>
                {
                    metrics.Retries.Add(1, tags);
                    Log.Retrying(logger, serviceId, args.AttemptNumber + 1,
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}");
                    return ValueTask.CompletedTask;
                },
            });
        }
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ResilienceSettings s)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Exception is NoInstanceAvailableException or BrokenCircuitException
            || (s.RetryOnConnectFailure && outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }))
        {
            return true;
        }

        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        var request = context.GetRequestMessage();
        return request is not null && IsRetryable(request, s);
    }

    internal static bool IsRetryable(HttpRequestMessage request, ResilienceSettings s)
    {
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace)
        {
            return true;
        }

        if (s.RetryPutAndDelete && (method == HttpMethod.Put || method == HttpMethod.Delete))
        {
            return true;
        }

        return request.Headers.Contains("Idempotency-Key");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 510, EventName = "Retrying", Level = LogLevel.Warning,
            Message = "Retrying a call to {Service} on another instance (attempt {Attempt}) after: {Reason}")]
        public static partial void Retrying(ILogger logger, string service, int attempt, string reason);

        [LoggerMessage(EventId = 511, EventName = "CallTimedOut", Level = LogLevel.Warning,
            Message = "Call to {Service} took longer than {Milliseconds} ms in all")]
        public static partial void CallTimedOut(ILogger logger, string service, double milliseconds);
    }
}
