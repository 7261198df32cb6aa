using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Config.Client;

namespace Stratus.Config.Hosting;

/// <summary>
/// <c>configServer</c>, as Spring's client names it: healthy while the configuration is the server's; degraded when the
/// application runs on the disk snapshot or on local configuration only, or the last fetch failed.
/// </summary>
internal sealed class ConfigClientHealthCheck(ConfigRefresher refresher, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var session = refresher.Sessions.FirstOrDefault();
        if (session is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The config client is disabled"));
        }

        var data = new Dictionary<string, object>
        {
            ["source"] = session.Origin switch { SnapshotOrigin.Server => "configServer", SnapshotOrigin.DiskCache => "diskCache", _ => "localOnly" },
            ["servers"] = string.Join(", ", session.Client.Servers.Select(s => s.Display)),
            ["application"] = session.Options.Name!,
            ["profiles"] = session.Options.Profile!,
        };
        if (session.Current.Version is { } version)
        {
            data["version"] = version;
        }

        if (session.LastSuccess is { } success)
        {
            data["lastSuccessAgeSeconds"] = Math.Round((time.GetUtcNow() - success).TotalSeconds, 1);
        }

        if (session.LastProblem is { } problem)
        {
            data["lastError"] = problem;
        }

        var result = session.Origin switch
        {
            SnapshotOrigin.Server when session.LastProblem is null => HealthCheckResult.Healthy("Configuration from the config server", data),
            SnapshotOrigin.Server => HealthCheckResult.Degraded("The config server does not answer; the last fetched configuration stays", data: data),
            SnapshotOrigin.DiskCache => HealthCheckResult.Degraded("Running on the configuration saved on disk; the config server has not answered", data: data),
            _ => HealthCheckResult.Degraded("Running on local configuration only; the config server has not answered", data: data),
        };
        return Task.FromResult(result);
    }
}
