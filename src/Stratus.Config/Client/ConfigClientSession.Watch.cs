namespace Stratus.Config.Client;

/// <content>The watch loop: long polls with the current ETag, back-off on failure, plain polling for servers without a watch.</content>
internal sealed partial class ConfigClientSession
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private async Task WatchAsync(CancellationToken stopping)
    {
        var backoff = FirstBackoff;
        var failing = false;
        var announcedPolling = false;
        var quickAnswers = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (Client.Servers.Count == 0)
                {
                    await ResolveServersAsync(stopping).ConfigureAwait(false);
                }

                var etag = Origin == SnapshotOrigin.Server ? _current.ETag : null;
                var started = _time.GetTimestamp();
                var result = await Client.FetchAsync(etag, Options.Watch.Wait, stopping).ConfigureAwait(false);
                if (result.Status == FetchStatus.Failed)
                {
                    LastProblem = result.Problem;
                    Log.WatchFailed(Logger, Application, result.Problem!, (long)backoff.TotalMilliseconds);
                    failing = true;
                    await Task.Delay(backoff, _time, stopping).ConfigureAwait(false);
                    backoff = backoff * 2 < Options.Watch.MaxBackoff ? backoff * 2 : Options.Watch.MaxBackoff;
                    continue;
                }

                if (failing)
                {
                    Log.WatchRecovered(Logger, Application, result.Server!.Display);
                    failing = false;
                }

                backoff = FirstBackoff;
                if (result.Status == FetchStatus.Changed)
                {
                    await ApplyAsync(result, "watch", stopping).ConfigureAwait(false);
                }
                else
                {
                    LastSuccess = _time.GetUtcNow();
                    LastProblem = null;
                }

                // A server without a watch answers at once (no ETag, or 304s without waiting): poll it calmly instead.
                // One quick 304 is normal (a server shutting down releases its watchers); three in a row are not.
                var quick = result.Status == FetchStatus.NotModified && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1);
                quickAnswers = quick ? quickAnswers + 1 : 0;
                if (quick && quickAnswers < 3)
                {
                    await Task.Delay(FirstBackoff, _time, stopping).ConfigureAwait(false);
                    continue;
                }

                if (result.ETag is null || quick || Options.Watch.Wait == TimeSpan.Zero)
                {
                    if (!announcedPolling)
                    {
                        Log.Polling(Logger, result.Server!.Display, Options.Watch.PollInterval.TotalSeconds);
                        announcedPolling = true;
                    }

                    await Task.Delay(Options.Watch.PollInterval, _time, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
