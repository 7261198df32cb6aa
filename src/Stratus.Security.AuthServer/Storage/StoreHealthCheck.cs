using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// <c>authServerStore</c> in <c>/actuator/health</c>: DOWN while the store is prepared after start and when preparing it
/// failed, UP once clients, scopes, users and keys are loaded; so "healthy" means "issues tokens now".
/// </summary>
internal sealed class StoreHealthCheck(StoreReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady ? HealthCheckResult.Healthy("ready")
            : readiness.Failure is null ? HealthCheckResult.Unhealthy("preparing the store: schema, clients, scopes, users and signing keys")
            : HealthCheckResult.Unhealthy("preparing the store failed; see the server's log"));
}
