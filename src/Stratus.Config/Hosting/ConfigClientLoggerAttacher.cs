using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.Config.Hosting;

/// <summary>Hands the host's logging to the config client, which replays what it logged before the host existed.</summary>
internal sealed class ConfigClientLoggerAttacher(ConfigRefresher refresher, ILoggerFactory loggerFactory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var session in refresher.Sessions)
        {
            session.Logger.Attach(loggerFactory);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
