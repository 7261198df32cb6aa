using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.Config.Hosting;

/// <summary>
/// Hands the host's logging to the config client, which replays what it logged before the host existed, and lets its
/// watch begin once the host has started.
/// </summary>
internal sealed class ConfigClientLoggerAttacher(ConfigRefresher refresher, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var session in refresher.Sessions)
        {
            session.Logger.Attach(loggerFactory);
            lifetime.ApplicationStarted.Register(session.ReleaseWatch);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
