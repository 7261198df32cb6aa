using Stratus.Config.Cache;
using Stratus.Config.Encryption;

namespace Stratus.Config.Client;

/// <summary>
/// Everything one config client holds, shared by the configuration providers built from one source (the host may
/// rebuild providers): the current snapshot, the first load, the watch loop, refreshes and the disk snapshot.
/// A snapshot is replaced whole and listeners hear of it once; a failed fetch never changes a value.
/// </summary>
internal sealed partial class ConfigClientSession : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SnapshotBuilder _builder;
    private readonly SnapshotCache? _cache;
    private readonly TimeProvider _time;
    private volatile ConfigSnapshot _current = ConfigSnapshot.Empty;
    private Task? _firstLoad;
    private int _providers;
    private readonly TaskCompletionSource _watchGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _watch;

    public ConfigClientSession(ConfigClientOptions options, TimeProvider? time = null, bool watchAfterHostStart = false)
    {
        if (!watchAfterHostStart)
        {
            _watchGate.TrySetResult();
        }

        Options = options;
        _time = time ?? TimeProvider.System;
        var servers = options.Discovery.Enabled
            ? []
            : ConfigServerUris.Split(options.Uri).Select(u => ServerEndpoint.Create(u, options.Username, options.Password)).ToArray();
        Client = new ConfigServerClient(options, servers);
        _builder = new SnapshotBuilder(() => options.Encrypt.Key is { Length: > 0 } key ? new SpringTextEncryptor(key, options.Encrypt.Salt) : null);
        _cache = options.Cache.Enabled && !options.FailFast ? new SnapshotCache(options) : null;
    }

    /// <summary>Raised after a new snapshot is in place, with it.</summary>
    public event Action<ConfigSnapshot>? Changed;

    public ConfigClientOptions Options { get; }

    public ConfigServerClient Client { get; }

    public DeferredLogger Logger { get; } = new();

    public ConfigSnapshot Current => _current;

    public SnapshotOrigin Origin { get; private set; }

    public string? LastProblem { get; private set; }

    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>Where the disk snapshot lives, when there is one.</summary>
    public string? CacheFile => _cache?.File;

    /// <summary>The watch loop; it ends when the configuration (and so the session) is disposed.</summary>
    public Task WatchTask => _watch ?? Task.CompletedTask;

    /// <summary>A save to disk running in the background (tests wait for it).</summary>
    public Task PendingSave { get; private set; } = Task.CompletedTask;

    private string Application => Options.Name!;

    /// <summary>True once the first load has finished (from the server, the disk snapshot or nothing).</summary>
    public bool IsLoaded => _firstLoad is { IsCompletedSuccessfully: true };

    /// <summary>
    /// Starts the first load, once, whatever the number of providers. Without fail-fast it runs in the background while
    /// the host goes on building, and the first read of a value waits for it (<see cref="WaitLoaded"/>); with
    /// fail-fast it finishes here, so an unreachable server stops start-up where the source is added.
    /// </summary>
    public void BeginLoad()
    {
        lock (_gate)
        {
            _firstLoad ??= Task.Run(() => FirstLoadThenWatchAsync(_stopping.Token));
        }

        if (Options.FailFast)
        {
            WaitLoaded();
        }
    }

    /// <summary>Blocks until the first load is over; rethrows a fail-fast failure.</summary>
    public void WaitLoaded()
    {
        // Reading configuration is synchronous; the load is not. It runs on the pool, so no context can deadlock.
        try
        {
            _firstLoad!.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed while loading: nothing to wait for.
        }
    }

    public void EnsureLoaded()
    {
        BeginLoad();
        WaitLoaded();
    }

    private async Task FirstLoadThenWatchAsync(CancellationToken cancellationToken)
    {
        await FirstLoadAsync(cancellationToken).ConfigureAwait(false);
        if (Options.Watch.Enabled)
        {
            _watch = Task.Run(
                async () =>
                {
                    await _watchGate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    await WatchAsync(cancellationToken).ConfigureAwait(false);
                },
                cancellationToken);
        }
    }

    /// <summary>The host has started: the watch may begin (it waits for this under a host, to stay off the start-up path).</summary>
    public void ReleaseWatch() => _watchGate.TrySetResult();

    public void Attach() => Interlocked.Increment(ref _providers);

    /// <summary>A provider went away; when none is left (the configuration was disposed) the watch stops.</summary>
    public void Detach()
    {
        if (Interlocked.Decrement(ref _providers) == 0)
        {
            Dispose();
        }
    }

    private async Task FirstLoadAsync(CancellationToken cancellationToken)
    {
        await ResolveServersAsync(cancellationToken).ConfigureAwait(false);
        var attempts = Options.FailFast ? Options.Retry.MaxAttempts : 1;
        var delay = Options.Retry.InitialInterval;
        FetchResult result = FetchResult.Failed("no attempt");
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            result = await Client.FetchAsync(null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (result.Status == FetchStatus.Changed)
            {
                await ApplyAsync(result, "start", cancellationToken).ConfigureAwait(false);
                return;
            }

            if (attempt < attempts)
            {
                Log.AttemptFailed(Logger, attempt, attempts, Application, result.Problem!, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                var next = TimeSpan.FromTicks((long)(delay.Ticks * Options.Retry.Multiplier));
                delay = next < Options.Retry.MaxInterval ? next : Options.Retry.MaxInterval;
            }
        }

        LastProblem = result.Problem;
        if (Options.FailFast)
        {
            var message = $"Could not load the configuration of '{Application}' (profiles '{Options.Profile}'{(Options.Label is null ? string.Empty : $", label '{Options.Label}'")}) "
                + $"from the config server after {attempts} attempt{(attempts == 1 ? string.Empty : "s")}: {result.Problem}. Fail-fast is on, so the application stops.";
            Log.FailFast(Logger, message);
            throw new ConfigServerUnavailableException(message);
        }

        StartFromCache(result.Problem!);
    }

    private void StartFromCache(string problem)
    {
        ConfigSnapshot? saved = null;
        try
        {
            saved = _cache?.Load();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or IOException or UnauthorizedAccessException)
        {
            Log.CacheUnreadable(Logger, _cache!.File, e.Message);
        }

        if (saved is null)
        {
            Log.StartedLocalOnly(Logger, problem, Application);
            return;
        }

        _current = saved;
        Origin = SnapshotOrigin.DiskCache;
        Log.StartedFromCache(Logger, problem, Application, saved.Version, saved.FetchedAt);
    }

    /// <summary>Fetches now (no long poll) and applies what came; the current values stay on failure.</summary>
    public async Task<FetchResult> RefreshAsync(CancellationToken cancellationToken)
    {
        if (Client.Servers.Count == 0)
        {
            await ResolveServersAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = await Client.FetchAsync(null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        if (result.Status == FetchStatus.Changed)
        {
            await ApplyAsync(result, "refresh", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LastProblem = result.Problem;
            Log.RefreshFailed(Logger, Application, result.Problem ?? "no answer");
        }

        return result;
    }

    private async Task ApplyAsync(FetchResult result, string reason, CancellationToken cancellationToken)
    {
        await _applyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = _builder.Build(result.Environment!, result.ETag, _time.GetUtcNow());
            foreach (var key in _builder.Undecryptable)
            {
                Log.Undecryptable(Logger, key);
            }

            if (_builder.LeftEncrypted.Count > 0)
            {
                Log.LeftEncrypted(Logger, _builder.LeftEncrypted.Count, _builder.LeftEncrypted[0]);
            }

            var previous = _current;
            var wasFromServer = Origin == SnapshotOrigin.Server;
            LastSuccess = snapshot.FetchedAt;
            LastProblem = null;
            Origin = SnapshotOrigin.Server;
            if (wasFromServer && previous.SameData(snapshot))
            {
                _current = previous with { ETag = snapshot.ETag, FetchedAt = snapshot.FetchedAt };
                return;
            }

            _current = snapshot;
            if (reason == "start")
            {
                Log.Loaded(Logger, Application, Options.Profile!, result.Server!.Display, snapshot.Version, snapshot.Data.Count);
            }
            else
            {
                if (Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                {
                    var differences = CountDifferences(previous, snapshot);
                    Log.Changed(Logger, Application, snapshot.Version, differences);
                }
            }

            if (reason != "start")
            {
                Changed?.Invoke(snapshot);
            }

            SaveInBackground();
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>
    /// Writes the current snapshot to disk after <c>Cache:WriteDelay</c>, off the start-up path (sealing it, with the data
    /// protection key ring especially, costs more than the fetch). Changes in the meantime are written together.
    /// </summary>
    private void SaveInBackground()
    {
        if (_cache is not { } cache || !PendingSave.IsCompleted)
        {
            return;
        }

        var stopping = _stopping.Token;
        PendingSave = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(Options.Cache.WriteDelay, _time, stopping).ConfigureAwait(false);
                    cache.Save(_current);
                }
                catch (OperationCanceledException)
                {
                    // Stopped before the write was due.
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
                {
                    Log.CacheWriteFailed(Logger, cache.File, e.Message);
                }
            },
            CancellationToken.None);
    }

    private static int CountDifferences(ConfigSnapshot before, ConfigSnapshot after) =>
        after.Data.Count(p => !before.Data.TryGetValue(p.Key, out var v) || !string.Equals(v, p.Value, StringComparison.Ordinal))
        + before.Data.Keys.Count(k => !after.Data.ContainsKey(k));

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        Client.Dispose();
    }
}
