using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Deletes expired and revoked tokens and authorizations older than a day, every hour: each issued token is a row, and
/// a busy client-credentials caller writes thousands an hour.
/// </summary>
internal sealed partial class StorePruning(IServiceScopeFactory scopes, TimeProvider time, ILogger<StorePruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task PruneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var threshold = time.GetUtcNow() - KeepFor;
            var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken).ConfigureAwait(false);
            var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken).ConfigureAwait(false);
            Log.Pruned(logger, tokens, authorizations);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.PruneFailed(logger, e);
        }
    }
}
