using Microsoft.Extensions.Hosting;

namespace Stratus.Management.Health;

/// <summary>
/// Spring's readiness state: refusing traffic until the host reports <see cref="IHostApplicationLifetime.ApplicationStarted"/>,
/// and again once <see cref="IHostApplicationLifetime.ApplicationStopping"/> fires, so load balancers drain the instance.
/// </summary>
internal sealed class ApplicationAvailability(IHostApplicationLifetime lifetime) : IHostedService
{
    private volatile bool _started;
    private volatile bool _stopping;

    public bool AcceptingTraffic => _started && !_stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _started = true);
        lifetime.ApplicationStopping.Register(() => _stopping = true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
