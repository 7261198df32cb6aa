using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Messaging.RabbitMQ.Binder;

namespace Stratus.Messaging.RabbitMQ.Health;

/// <summary>
/// Spring Boot's <c>rabbit</c> health component: up while the binder's connection is open, with the broker's
/// <c>version</c> from the connection's server properties; down while it is lost and recovering, or before it could be made.
/// A check before anything used the binder opens the connection (with the binder's retries), as Spring's indicator
/// does; a check while the first connection is being retried reports down at once with the last failure.
/// </summary>
internal sealed class RabbitMqHealthCheck(RabbitMqConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["endpoint"] = connection.Endpoint };
        var current = connection.Current;
        if (current is null && connection.Connecting)
        {
            return HealthCheckResult.Unhealthy($"Not connected to RabbitMQ yet: {connection.Problem ?? "connecting"}", data: data);
        }

        if (current is null)
        {
            try
            {
                current = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return HealthCheckResult.Unhealthy($"Not connected to RabbitMQ: {ex.Message}", data: data);
            }
        }

        if (!current.IsOpen)
        {
            return HealthCheckResult.Unhealthy($"Connection to RabbitMQ lost ({connection.Problem ?? "closed"}); recovering every {connection.RecoveryInterval}", data: data);
        }

        if (RabbitMqConnection.ServerVersion(current) is { } version)
        {
            data["version"] = version;
        }

        return HealthCheckResult.Healthy("Connected to RabbitMQ.", data);
    }
}
