using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Stratus.Messaging.Kafka.Health;

/// <summary>
/// The <c>kafka</c> health check: up when the binder's producer fetches the cluster's metadata within
/// <see cref="KafkaBinderOptions.HealthTimeout"/>, with the broker count; down with the error otherwise. A result is reused
/// for <see cref="CacheFor"/> after it arrived, and concurrent polls share one request, so health polling does not load the cluster.
/// </summary>
internal sealed class KafkaHealthCheck(
    Func<TimeSpan, CancellationToken, Task<Metadata>> getMetadata,
    IOptions<KafkaBinderOptions> options,
    TimeProvider timeProvider) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _current;
    private DateTimeOffset _expires;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> current;
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && timeProvider.GetUtcNow() >= _expires))
            {
                // Not the caller's token: other polls may be waiting on the same request, which HealthTimeout bounds.
                _current = ProbeAsync();
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        var settings = options.Value;
        var timeout = settings.HealthTimeout;
        HealthCheckResult result;
        try
        {
            var cluster = await getMetadata(timeout, CancellationToken.None).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["brokers"] = cluster.Brokers.Count };
            result = cluster.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"Kafka cluster reachable with {cluster.Brokers.Count} brokers.", data)
                : HealthCheckResult.Unhealthy("Kafka cluster metadata lists no brokers.", data: data);
        }
#pragma warning disable CA1031 // Whatever stops the metadata request (timeout, broker error, disposed binder) means down, and is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex is KafkaException { Error.Code: ErrorCode.Local_TimedOut } ? $"no answer within {timeout}" : ex.Message;
            result = HealthCheckResult.Unhealthy($"Kafka cluster metadata could not be fetched from {settings.BootstrapServers}: {reason}", ex);
        }

        lock (_gate)
        {
            _expires = timeProvider.GetUtcNow() + CacheFor;
        }

        return result;
    }
}
