using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>Keeps the key ring current: rotation when due, retired keys dropped, keys of other nodes adopted.</summary>
internal sealed class KeyMaintenance(SigningKeyRing ring, StoreReadiness readiness, IOptions<AuthServerOptions> options, TimeProvider time, ILogger<SigningKeyRing> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The store's preparation loads the ring first; when it fails, the server is stopping anyway.
        await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!readiness.IsReady)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Keys.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ring.MaintainAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    SigningKeyRing.Log.MaintenanceFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
