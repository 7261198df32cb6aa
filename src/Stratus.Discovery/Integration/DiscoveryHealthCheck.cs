using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Stratus.Discovery;

/// <summary>
/// Reports the registry view: healthy while fetches succeed, degraded while the client serves its last good view
/// because registries fail (the service still works), with the reason and the time of the last good fetch.
/// </summary>
internal sealed class DiscoveryHealthCheck(InstanceCache cache, IDiscoveryRegistration registration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = cache.Health;
        var data = new Dictionary<string, object>
        {
            ["instances"] = health.Instances,
            ["registered"] = registration.IsRegistered,
        };
        if (health.Registry is not null)
        {
            data["registry"] = health.Registry;
        }

        if (health.LastSuccess is { } success)
        {
            data["lastSuccessfulFetch"] = success.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (health.LastFetchSucceeded)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Registry view is current.", data));
        }

        var description = health.LastSuccess is null
            ? $"No registry has answered yet: {health.LastError ?? "waiting for the first fetch"}"
            : $"Serving the last good registry view: {health.LastError}";
        return Task.FromResult(HealthCheckResult.Degraded(description, data: data));
    }
}
