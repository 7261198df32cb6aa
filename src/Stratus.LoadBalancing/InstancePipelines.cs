using System.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Stratus.LoadBalancing;

/// <summary>
/// Builds, once each, a service's pipeline (see <see cref="ServicePipeline"/>) and each instance's pipeline: a
/// circuit breaker (which takes the instance out of rotation) around the attempt time-out.
/// </summary>
internal sealed partial class InstancePipelines(
    ResilienceSettingsResolver settings,
    LoadBalancingMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Stratus.LoadBalancing");

    /// <summary>The service's own pipeline (rate limit, bulkhead, total time-out, retry), built on first use.</summary>
    public ResiliencePipeline<HttpResponseMessage> ForService(ServiceBalancer balancer)
    {
        if (balancer.Pipeline is { } existing)
        {
            return existing;
        }

        lock (balancer)
        {
            return balancer.Pipeline ??= BuildForService(balancer.ServiceId);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildForService(string serviceId)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "stratus-service", InstanceName = serviceId, TimeProvider = time };
        ServicePipeline.Configure(builder, settings.Get(serviceId), serviceId, metrics, _logger);
        return builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> ForInstance(ServiceBalancer balancer, InstanceSlot slot)
    {
        if (slot.Pipeline is { } existing)
        {
            return existing;
        }

        lock (slot)
        {
            return slot.Pipeline ??= Build(balancer.ServiceId, slot);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Build(string serviceId, InstanceSlot slot)
    {
        var s = settings.Get(serviceId);
        var tags = new TagList { { "service", serviceId }, { "instance", slot.Instance.InstanceId } };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "stratus-instance", InstanceName = slot.Instance.InstanceId, TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = s.FailureRatio,
                MinimumThroughput = s.MinimumThroughput,
                SamplingDuration = s.SamplingDuration,
                BreakDuration = s.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                OnOpened = args =>
                {
                    slot.Block(time.GetTimestamp() + (long)(args.BreakDuration.TotalSeconds * time.TimestampFrequency));
                    metrics.BreakerOpened.Add(1, tags);
                    Log.BreakerOpened(_logger, serviceId, slot.Instance.InstanceId, args.BreakDuration.TotalSeconds,
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}");
                    return ValueTask.CompletedTask;
                },
                OnClosed = args =>
                {
                    slot.Unblock();
                    metrics.BreakerClosed.Add(1, tags);
                    Log.BreakerClosed(_logger, serviceId, slot.Instance.InstanceId);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = s.AttemptTimeout,
                OnTimeout = args =>
                {
                    metrics.Timeouts.Add(1, tags);
                    Log.AttemptTimedOut(_logger, serviceId, slot.Instance.InstanceId, args.Timeout.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, EventName = "BreakerOpened", Level = LogLevel.Warning,
            Message = "Circuit of {Service}/{InstanceId} opened for {Seconds} s after failures (last: {Reason}); the instance is out of rotation")]
        public static partial void BreakerOpened(ILogger logger, string service, string instanceId, double seconds, string reason);

        [LoggerMessage(EventId = 501, EventName = "BreakerClosed", Level = LogLevel.Information,
            Message = "Circuit of {Service}/{InstanceId} closed; the instance is back in rotation")]
        public static partial void BreakerClosed(ILogger logger, string service, string instanceId);

        [LoggerMessage(EventId = 502, EventName = "AttemptTimedOut", Level = LogLevel.Warning,
            Message = "Call to {Service}/{InstanceId} took longer than {Milliseconds} ms")]
        public static partial void AttemptTimedOut(ILogger logger, string service, string instanceId, double milliseconds);
    }
}
