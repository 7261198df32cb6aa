using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Stratus.Eureka;
using Stratus.Eureka.Json;

namespace Stratus.Discovery;

/// <summary>
/// Keeps the client's view of the registry: one full fetch, then deltas checked against the registry's reconcile
/// hash (a mismatch means a full fetch), prompted by the Stratus watch endpoint when the registry has one and by
/// the fetch interval otherwise. The last good view stays while registries are down, answer 403, garbage or
/// (by default) an empty list while the view holds instances; a malformed instance is skipped and logged.
/// </summary>
internal sealed partial class InstanceCache : IDiscoveryClient, IHostedService, IDisposable
{
    private static readonly TimeSpan WatchWait = TimeSpan.FromSeconds(30);
    private readonly DiscoveryOptions _options;
    private readonly EurekaTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstFetch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RegistryView _view = RegistryView.Empty;
    private CancellationTokenSource _changed = new();
    private DiscoveryHealth _health = new(false, null, null, null, 0);
    private long _lastFetchTicks;
    private long _watchSince;
    private Task? _loop;

    public InstanceCache(IOptions<DiscoveryOptions> options, EurekaTransport transport, TimeProvider time, ILogger<InstanceCache> logger)
    {
        _options = options.Value;
        _transport = transport;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Services => Volatile.Read(ref _view).Up.Keys;

    public long Version => Volatile.Read(ref _view).Sequence;

    /// <summary>What the health check reports.</summary>
    public DiscoveryHealth Health => Volatile.Read(ref _health);

    internal RegistryView View => Volatile.Read(ref _view);

    public ImmutableArray<ServiceInstance> GetInstances(string serviceId) =>
        Volatile.Read(ref _view).Up.TryGetValue(serviceId, out var instances) ? instances : [];

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public async Task<bool> WaitForFirstFetchAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_firstFetch.Task.IsCompleted)
        {
            return true;
        }

        try
        {
            await _firstFetch.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Fetch)
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Backoff.UntilSuccessAsync(FetchFullAsync, _options.RegistryFetchInterval, _time, cancellationToken).ConfigureAwait(false);

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var endpoint = _transport.Current;
                if (_options.UseWatch && endpoint.WatchSupported)
                {
                    await WatchOnceAsync(endpoint, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(_options.RegistryFetchInterval, _time, cancellationToken).ConfigureAwait(false);
                    await FetchDeltaAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WatchOnceAsync(RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        var since = Math.Max(Volatile.Read(ref _view).RegistryVersion, Interlocked.Read(ref _watchSince));
        var wait = WatchWait < _options.RegistryFetchInterval ? WatchWait : _options.RegistryFetchInterval;
        RegistryResponse response;
        try
        {
            response = await _transport.WatchAsync(endpoint, since, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // The registry went away mid-poll: fetch (which fails over) after a short pause.
            Log.WatchFailed(_logger, endpoint.Display, ex.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            await FetchDeltaAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (response.StatusCode == 404)
        {
            endpoint.WatchSupported = false;
            Log.NoWatch(_logger, endpoint.Display, _options.RegistryFetchInterval.TotalSeconds);
            return;
        }

        if (!response.IsSuccess)
        {
            Log.WatchRefused(_logger, endpoint.Display, response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            await FetchDeltaAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var changed = false;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            changed = document.RootElement.TryGetProperty("changed", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (document.RootElement.TryGetProperty("version", out var version) && version.TryGetInt64(out var number))
            {
                Interlocked.Exchange(ref _watchSince, number);
            }
        }
        catch (JsonException)
        {
            changed = true;
        }

        var sinceLastFetch = _time.GetElapsedTime(Volatile.Read(ref _lastFetchTicks));
        if (changed || sinceLastFetch >= _options.RegistryFetchInterval)
        {
            await FetchDeltaAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches the delta and applies it; falls back to a full fetch when the delta is refused or does not reconcile.</summary>
    internal async Task<bool> FetchDeltaAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastFetchTicks, _time.GetTimestamp());
        var current = Volatile.Read(ref _view);
        if (current.Apps.Count == 0)
        {
            return await FetchFullAsync(cancellationToken).ConfigureAwait(false);
        }

        RegistryResponse response;
        try
        {
            response = await _transport.GetApplicationsAsync(delta: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryUnavailableException ex)
        {
            return Failed(ex.Message);
        }

        if (!response.IsSuccess)
        {
            Log.DeltaRefused(_logger, response.From.Display, response.StatusCode);
            return await FetchFullAsync(cancellationToken).ConfigureAwait(false);
        }

        EurekaApplications delta;
        try
        {
            delta = EurekaJsonReader.ReadApplications(response.Body, out var skipped);
            LogSkipped(response.From, skipped);
        }
        catch (Exception ex) when (ex is EurekaFormatException or JsonException)
        {
            return Failed($"registry {response.From.Display} sent a delta that is not a Eureka listing: {ex.Message}");
        }

        var apps = new Dictionary<string, EurekaApplication>(current.Apps, StringComparer.OrdinalIgnoreCase);
        foreach (var app in delta.Applications)
        {
            foreach (var instance in app.Instances)
            {
                Apply(apps, app.Name, instance);
            }
        }

        var next = RegistryView.Build(apps, ParseVersion(delta.VersionsDelta, current.RegistryVersion), current);
        if (!string.Equals(next.HashCode, delta.AppsHashCode, StringComparison.Ordinal))
        {
            Log.HashMismatch(_logger, next.HashCode, delta.AppsHashCode);
            return await FetchFullAsync(cancellationToken).ConfigureAwait(false);
        }

        Publish(next, response.From);
        return true;
    }

    /// <summary>Fetches the whole registry.</summary>
    internal async Task<bool> FetchFullAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastFetchTicks, _time.GetTimestamp());
        RegistryResponse response;
        try
        {
            response = await _transport.GetApplicationsAsync(delta: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryUnavailableException ex)
        {
            return Failed(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (!response.IsSuccess)
        {
            return Failed($"registry {response.From.Display} answered HTTP {response.StatusCode} to a full fetch");
        }

        EurekaApplications listing;
        try
        {
            listing = EurekaJsonReader.ReadApplications(response.Body, out var skipped);
            LogSkipped(response.From, skipped);
        }
        catch (Exception ex) when (ex is EurekaFormatException or JsonException)
        {
            return Failed($"registry {response.From.Display} sent a listing that is not a Eureka listing: {ex.Message}");
        }

        var current = Volatile.Read(ref _view);
        var total = listing.Applications.Sum(app => app.Instances.Count);
        if (total == 0 && current.Apps.Count > 0 && _options.KeepViewOnEmptyResponse)
        {
            return Failed($"registry {response.From.Display} answered an empty list while the view holds {current.InstanceCount} instances");
        }

        var apps = new Dictionary<string, EurekaApplication>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in listing.Applications)
        {
            if (app.Instances.Count > 0)
            {
                apps[app.Name] = apps.TryGetValue(app.Name, out var existing)
                    ? existing with { Instances = [.. existing.Instances, .. app.Instances] }
                    : app;
            }
        }

        Publish(RegistryView.Build(apps, ParseVersion(listing.VersionsDelta, 0), current), response.From);
        return true;
    }

    private static void Apply(Dictionary<string, EurekaApplication> apps, string appName, InstanceInfo instance)
    {
        var name = string.IsNullOrEmpty(instance.App) ? appName : instance.App;
        var existing = apps.TryGetValue(name, out var app) ? app.Instances : [];
        var kept = existing.Where(i => !string.Equals(i.InstanceId, instance.InstanceId, StringComparison.Ordinal)).ToList();
        if (instance.ActionType != ActionType.Deleted)
        {
            kept.Add(instance with { ActionType = null });
        }

        if (kept.Count == 0)
        {
            apps.Remove(name);
        }
        else
        {
            apps[name] = new EurekaApplication(app?.Name ?? name, kept);
        }
    }

    private void Publish(RegistryView next, RegistryEndpoint from)
    {
        var previous = Interlocked.Exchange(ref _view, next);
        Volatile.Write(ref _health, new DiscoveryHealth(true, _time.GetUtcNow(), null, from.Display, next.InstanceCount));
        if (_firstFetch.TrySetResult())
        {
            Log.FirstFetch(_logger, from.Display, next.Apps.Count, next.InstanceCount);
        }

        if (next.Sequence != previous.Sequence)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var upInstances = next.Up.Values.Sum(list => list.Length);
                Log.ViewChanged(_logger, next.Up.Count, upInstances, from.Display);
            }

            var old = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            old.Cancel();
            old.Dispose();
        }
    }

    private bool Failed(string reason)
    {
        var view = Volatile.Read(ref _view);
        var health = Volatile.Read(ref _health);
        Volatile.Write(ref _health, health with { LastFetchSucceeded = false, LastError = reason });
        Log.KeepingView(_logger, reason, view.InstanceCount, health.LastSuccess);
        return false;
    }

    private void LogSkipped(RegistryEndpoint from, IReadOnlyList<string> skipped)
    {
        foreach (var reason in skipped)
        {
            Log.SkippedInstance(_logger, from.Display, reason);
        }
    }

    private static long ParseVersion(string text, long fallback) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : fallback;

    public void Dispose()
    {
        _stopping.Dispose();
        _changed.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, EventName = "FirstFetch", Level = LogLevel.Information,
            Message = "Fetched the registry from {Registry}: {Apps} apps, {Instances} instances")]
        public static partial void FirstFetch(ILogger logger, string registry, int apps, int instances);

        [LoggerMessage(EventId = 421, EventName = "ViewChanged", Level = LogLevel.Debug,
            Message = "Registry view changed: {Services} services with {Instances} UP instances (from {Registry})")]
        public static partial void ViewChanged(ILogger logger, int services, int instances, string registry);

        [LoggerMessage(EventId = 422, EventName = "KeepingView", Level = LogLevel.Warning,
            Message = "Keeping the last good registry view ({Instances} instances, fetched {LastSuccess}): {Reason}")]
        public static partial void KeepingView(ILogger logger, string reason, int instances, DateTimeOffset? lastSuccess);

        [LoggerMessage(EventId = 423, EventName = "SkippedInstance", Level = LogLevel.Warning,
            Message = "Skipped a malformed instance from {Registry}: {Reason}")]
        public static partial void SkippedInstance(ILogger logger, string registry, string reason);

        [LoggerMessage(EventId = 424, EventName = "HashMismatch", Level = LogLevel.Information,
            Message = "Delta did not reconcile (local {Local}, registry {Remote}); fetching the full registry")]
        public static partial void HashMismatch(ILogger logger, string local, string remote);

        [LoggerMessage(EventId = 425, EventName = "DeltaRefused", Level = LogLevel.Debug,
            Message = "Registry {Registry} answered HTTP {StatusCode} to a delta fetch; fetching the full registry")]
        public static partial void DeltaRefused(ILogger logger, string registry, int statusCode);

        [LoggerMessage(EventId = 426, EventName = "NoWatch", Level = LogLevel.Information,
            Message = "Registry {Registry} has no watch endpoint; polling for changes every {Seconds} s")]
        public static partial void NoWatch(ILogger logger, string registry, double seconds);

        [LoggerMessage(EventId = 428, EventName = "WatchRefused", Level = LogLevel.Debug,
            Message = "Watch on {Registry} answered HTTP {StatusCode}")]
        public static partial void WatchRefused(ILogger logger, string registry, int statusCode);

        [LoggerMessage(EventId = 427, EventName = "WatchFailed", Level = LogLevel.Debug,
            Message = "Watch on {Registry} failed: {Reason}")]
        public static partial void WatchFailed(ILogger logger, string registry, string reason);
    }
}

/// <summary>What the discovery client last saw of the registry.</summary>
/// <param name="LastFetchSucceeded">Whether the last fetch gave a usable view.</param>
/// <param name="LastSuccess">When a fetch last succeeded.</param>
/// <param name="LastError">Why the last fetch failed, if it did.</param>
/// <param name="Registry">Registry of the last good fetch.</param>
/// <param name="Instances">Instances in the view.</param>
internal sealed record DiscoveryHealth(bool LastFetchSucceeded, DateTimeOffset? LastSuccess, string? LastError, string? Registry, int Instances);
