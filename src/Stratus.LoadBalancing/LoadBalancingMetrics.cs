using System.Diagnostics.Metrics;

namespace Stratus.LoadBalancing;

/// <summary>Counters of the meter <c>Stratus.LoadBalancing</c>; Polly's own <c>resilience.polly.*</c> metrics come beside them.</summary>
internal sealed class LoadBalancingMetrics
{
    public const string MeterName = "Stratus.LoadBalancing";

    public LoadBalancingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Requests = meter.CreateCounter<long>("stratus.loadbalancer.requests", "{request}", "Attempts sent to a chosen instance.");
        Retries = meter.CreateCounter<long>("stratus.loadbalancer.retries", "{retry}", "Calls retried on another instance.");
        BreakerOpened = meter.CreateCounter<long>("stratus.loadbalancer.breaker.opened", "{event}", "Instance circuit breakers that opened.");
        BreakerClosed = meter.CreateCounter<long>("stratus.loadbalancer.breaker.closed", "{event}", "Instance circuit breakers that closed again.");
        Timeouts = meter.CreateCounter<long>("stratus.loadbalancer.timeouts", "{event}", "Attempts or calls that ran out of time.");
        NoInstance = meter.CreateCounter<long>("stratus.loadbalancer.no_instance", "{request}", "Calls to a service with no UP instance.");
    }

    public Counter<long> Requests { get; }

    public Counter<long> Retries { get; }

    public Counter<long> BreakerOpened { get; }

    public Counter<long> BreakerClosed { get; }

    public Counter<long> Timeouts { get; }

    public Counter<long> NoInstance { get; }
}
