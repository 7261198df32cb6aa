using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Registry.Snapshots;
using Stratus.Registry.Watch;

namespace Stratus.Registry.Leases;

/// <summary>
/// The catalogue: leases by application and instance id, Eureka's status-override rules, the recent-change queue
/// and self-preservation. Renewals take no lock; every other write takes one lock, bumps the version and wakes
/// watchers. Reads go through <see cref="GetSnapshot"/>, rebuilt at most once per version.
/// </summary>
internal sealed partial class InstanceRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Lease>> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, InstanceStatus> _overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RegistryChange> _recent = new();
    private readonly Lock _writeLock = new();
    private readonly Lock _snapshotLock = new();
    private readonly RenewalRate _renewals = new();
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<RegistryOptions> _options;
    private readonly RegistryChangeFeed _feed;
    private readonly ILogger<InstanceRegistry> _logger;
    private RegistrySnapshot? _snapshot;
    private long _version = 1;
    private int _expectedClients;
    private int _renewsPerMinThreshold;

    public InstanceRegistry(TimeProvider time, IOptionsMonitor<RegistryOptions> options, RegistryChangeFeed feed, ILogger<InstanceRegistry> logger)
    {
        _time = time;
        _options = options;
        _feed = feed;
        _logger = logger;
        _feed.Publish(_version);
    }

    public long Version => Interlocked.Read(ref _version);

    public long RenewalsLastMinute => _renewals.LastMinute;

    public int RenewsPerMinThreshold => Volatile.Read(ref _renewsPerMinThreshold);

    public int Count => _apps.Values.Sum(a => a.Count);

    /// <summary>Eureka's <c>isLeaseExpirationEnabled</c>: false while self-preservation holds evictions back.</summary>
    public bool IsLeaseExpirationEnabled
    {
        get
        {
            if (!_options.CurrentValue.EnableSelfPreservation)
            {
                return true;
            }

            var threshold = RenewsPerMinThreshold;
            return threshold > 0 && _renewals.LastMinute > threshold;
        }
    }

    public bool IsSelfPreservationActive => _options.CurrentValue.EnableSelfPreservation && !IsLeaseExpirationEnabled && Count > 0;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Registers (or re-registers) an instance. The caller has validated the required fields.</summary>
    /// <returns>The instance as stored.</returns>
    public InstanceInfo Register(InstanceInfo registrant, bool isReplication)
    {
        var now = Now;
        lock (_writeLock)
        {
            var leases = _apps.GetOrAdd(registrant.App, static _ => new ConcurrentDictionary<string, Lease>(StringComparer.Ordinal));
            leases.TryGetValue(registrant.InstanceId, out var existing);
            if (existing is not null)
            {
                // Eureka keeps the copy whose owner changed it last.
                if ((existing.Holder.LastDirtyTimestamp ?? 0) > (registrant.LastDirtyTimestamp ?? now))
                {
                    Log.KeptNewerRegistration(_logger, registrant.App, registrant.InstanceId);
                    registrant = existing.Holder;
                }
            }
            else
            {
                _expectedClients++;
                UpdateRenewsPerMinThreshold();
            }

            var durationSecs = registrant.LeaseInfo is { DurationInSecs: > 0 } declared ? declared.DurationInSecs : LeaseInfo.DefaultDurationInSecs;
            var lease = new Lease(registrant, now, durationSecs * 1000L);
            if (existing is not null)
            {
                lease.ServiceUpTimestamp = existing.ServiceUpTimestamp;
            }

            if (registrant.OverriddenStatus != InstanceStatus.Unknown)
            {
                _overrides.TryAdd(registrant.InstanceId, registrant.OverriddenStatus);
            }

            if (_overrides.TryGetValue(registrant.InstanceId, out var overridden))
            {
                registrant = registrant with { OverriddenStatus = overridden };
            }

            var status = ResolveStatus(registrant, existing, isReplication);
            registrant = registrant with
            {
                Status = status,
                ActionType = ActionType.Added,
                LastUpdatedTimestamp = now,
                LastDirtyTimestamp = registrant.LastDirtyTimestamp ?? now,
            };
            if (status == InstanceStatus.Up && lease.ServiceUpTimestamp == 0)
            {
                lease.ServiceUpTimestamp = now;
            }

            lease.Holder = registrant;
            leases[registrant.InstanceId] = lease;
            RecordChange(registrant, now);
            Log.Registered(_logger, registrant.App, registrant.InstanceId, status, isReplication);
            return registrant;
        }
    }

    /// <summary>Renews a lease. False when the instance is unknown or its status is <c>UNKNOWN</c> (it must register again).</summary>
    public bool Renew(string app, string id, bool isReplication)
    {
        if (!TryGetLease(app, id, out var lease))
        {
            return false;
        }

        var holder = lease.Holder;
        var status = ResolveStatus(holder, lease, isReplication);
        if (status == InstanceStatus.Unknown)
        {
            return false;
        }

        var now = Now;
        if (status != holder.Status)
        {
            lock (_writeLock)
            {
                var changed = lease.Holder with { Status = status, ActionType = ActionType.Modified, LastUpdatedTimestamp = now };
                lease.Holder = changed;
                RecordChange(changed, now);
            }
        }

        _renewals.Increment();
        lease.Renew(now);
        return true;
    }

    /// <summary>Removes an instance. False when unknown.</summary>
    public bool Cancel(string app, string id, bool isReplication)
    {
        lock (_writeLock)
        {
            if (!InternalCancel(app, id))
            {
                return false;
            }
        }

        Log.Cancelled(_logger, app, id, isReplication);
        return true;
    }

    /// <summary>Sets a status override (for example <c>OUT_OF_SERVICE</c>). False when the instance is unknown.</summary>
    public bool UpdateStatus(string app, string id, InstanceStatus newStatus, long? lastDirtyTimestamp)
    {
        var now = Now;
        lock (_writeLock)
        {
            if (!TryGetLease(app, id, out var lease))
            {
                return false;
            }

            lease.Renew(now);
            var info = lease.Holder;
            if (info.Status != newStatus)
            {
                if (newStatus == InstanceStatus.Up && lease.ServiceUpTimestamp == 0)
                {
                    lease.ServiceUpTimestamp = now;
                }

                _overrides[id] = newStatus;
                var dirty = Math.Max(info.LastDirtyTimestamp ?? 0, lastDirtyTimestamp ?? 0);
                info = info with
                {
                    OverriddenStatus = newStatus,
                    Status = newStatus,
                    LastDirtyTimestamp = dirty,
                    ActionType = ActionType.Modified,
                    LastUpdatedTimestamp = now,
                };
                lease.Holder = info;
                RecordChange(info, now);
            }

            return true;
        }
    }

    /// <summary>Removes a status override and sets <paramref name="newStatus"/>. False when the instance is unknown.</summary>
    public bool DeleteStatusOverride(string app, string id, InstanceStatus newStatus, long? lastDirtyTimestamp)
    {
        var now = Now;
        lock (_writeLock)
        {
            if (!TryGetLease(app, id, out var lease))
            {
                return false;
            }

            lease.Renew(now);
            if (_overrides.TryRemove(id, out _))
            {
                var info = lease.Holder;
                info = info with
                {
                    OverriddenStatus = InstanceStatus.Unknown,
                    Status = newStatus,
                    LastDirtyTimestamp = Math.Max(info.LastDirtyTimestamp ?? 0, lastDirtyTimestamp ?? 0),
                    ActionType = ActionType.Modified,
                    LastUpdatedTimestamp = now,
                };
                lease.Holder = info;
                RecordChange(info, now);
            }

            return true;
        }
    }

    /// <summary>Merges metadata into an instance and registers it again, as Eureka does. Null when unknown.</summary>
    public InstanceInfo? UpdateMetadata(string app, string id, IEnumerable<KeyValuePair<string, string>> entries)
    {
        lock (_writeLock)
        {
            if (!TryGetLease(app, id, out var lease))
            {
                return null;
            }

            var holder = lease.Holder;
            var metadata = new Dictionary<string, string>(holder.Metadata, StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                metadata[key] = value;
            }

            return Register(holder with { Metadata = metadata }, isReplication: false);
        }
    }

    /// <summary>The stored record without lease figures, allocation-free, for the renewal path; null when unknown.</summary>
    public InstanceInfo? GetStored(string app, string id) =>
        TryGetLease(app, id, out var lease) ? lease.Holder : null;

    /// <summary>The stored instance, as clients see it; null when unknown.</summary>
    public InstanceInfo? GetInstance(string app, string id) =>
        TryGetLease(app, id, out var lease) ? lease.Decorate() : null;

    /// <summary>An instance found by id alone (<c>/eureka/instances/{id}</c>).</summary>
    public InstanceInfo? FindInstance(string id)
    {
        foreach (var leases in _apps.Values)
        {
            if (leases.TryGetValue(id, out var lease))
            {
                return lease.Decorate();
            }
        }

        return null;
    }

    /// <summary>Every lease, for the dashboard and eviction.</summary>
    public IEnumerable<(string App, Lease Lease)> Leases() =>
        _apps.SelectMany(app => app.Value.Values.Select(lease => (app.Key, lease)));

    /// <summary>
    /// Evicts expired leases: nothing while self-preservation holds, and never more than
    /// (1 - <see cref="RegistryOptions.RenewalPercentThreshold"/>) of the registry in one pass.
    /// </summary>
    /// <param name="compensationMs">Time the eviction timer ran late (a pause or a clock jump), added to every lease.</param>
    /// <returns>How many instances were evicted.</returns>
    public int Evict(long compensationMs)
    {
        if (!IsLeaseExpirationEnabled)
        {
            Log.SelfPreservationHolding(_logger, _renewals.LastMinute, RenewsPerMinThreshold);
            return 0;
        }

        var options = _options.CurrentValue;
        var now = Now;
        var expired = new List<(string App, string Id)>();
        var size = 0;
        foreach (var (app, lease) in Leases())
        {
            size++;
            if (lease.IsExpired(now, compensationMs, options.LeaseExpiry))
            {
                expired.Add((app, lease.Holder.InstanceId));
            }
        }

        var limit = size - (int)(size * options.RenewalPercentThreshold);
        var count = Math.Min(expired.Count, limit);
        if (count < expired.Count)
        {
            Log.EvictionCapped(_logger, expired.Count, count);
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(expired));
        }

        for (var i = 0; i < count; i++)
        {
            var (app, id) = expired[i];
            bool removed;
            lock (_writeLock)
            {
                removed = InternalCancel(app, id);
            }

            if (removed)
            {
                Log.Evicted(_logger, app, id);
            }
        }

        return count;
    }

    /// <summary>Publishes the renewals counted in the last minute; called once a minute.</summary>
    public void RotateRenewalRate() => _renewals.Rotate();

    /// <summary>Drops delta entries older than the retention time.</summary>
    public void PruneRecentChanges()
    {
        var cutoff = Now - (long)_options.CurrentValue.DeltaRetention.TotalMilliseconds;
        while (_recent.TryPeek(out var oldest) && oldest.Timestamp < cutoff)
        {
            _recent.TryDequeue(out _);
        }
    }

    /// <summary>The snapshot of the current version, built if the registry changed since the last one.</summary>
    public RegistrySnapshot GetSnapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && snapshot.Version == Version)
        {
            return snapshot;
        }

        lock (_snapshotLock)
        {
            snapshot = _snapshot;
            var version = Version;
            if (snapshot is not null && snapshot.Version == version)
            {
                return snapshot;
            }

            snapshot = BuildSnapshot(version);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
    }

    private RegistrySnapshot BuildSnapshot(long version)
    {
        PruneRecentChanges();
        var apps = new List<EurekaApplication>(_apps.Count);
        foreach (var (name, leases) in _apps.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var instances = leases.Values.Select(l => l.Decorate()).OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToArray();
            if (instances.Length > 0)
            {
                apps.Add(new EurekaApplication(name, instances));
            }
        }

        var versionText = version.ToString(CultureInfo.InvariantCulture);
        var hash = RegistrySnapshot.ReconcileHashCode(apps);
        var latest = new Dictionary<(string, string), InstanceInfo>();
        foreach (var change in _recent)
        {
            latest[(change.Instance.App, change.Instance.InstanceId)] = change.Instance;
        }

        var delta = latest.Values
            .GroupBy(i => i.App, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EurekaApplication(g.Key, g.OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToArray()))
            .ToArray();
        return new RegistrySnapshot(
            version,
            new EurekaApplications(versionText, hash, apps),
            new EurekaApplications(versionText, hash, delta));
    }

    private bool InternalCancel(string app, string id)
    {
        if (!_apps.TryGetValue(app, out var leases) || !leases.TryRemove(id, out var lease))
        {
            return false;
        }

        if (leases.IsEmpty)
        {
            _apps.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, Lease>>(app, leases));
        }

        var now = Now;
        _overrides.TryRemove(id, out _);
        lease.EvictionTimestamp = now;
        RecordChange(lease.Decorate() with { ActionType = ActionType.Deleted, LastUpdatedTimestamp = now }, now);
        _expectedClients = Math.Max(0, _expectedClients - 1);
        UpdateRenewsPerMinThreshold();
        return true;
    }

    /// <summary>
    /// Eureka's override rule chain: a client that says DOWN or STARTING is believed; else an override wins;
    /// else (for client calls) an existing UP or OUT_OF_SERVICE status stays; else the reported status.
    /// </summary>
    private InstanceStatus ResolveStatus(InstanceInfo instance, Lease? existing, bool isReplication)
    {
        if (instance.Status is not (InstanceStatus.Up or InstanceStatus.OutOfService))
        {
            return instance.Status;
        }

        if (_overrides.TryGetValue(instance.InstanceId, out var overridden))
        {
            return overridden;
        }

        if (!isReplication && existing is not null && existing.Holder.Status is InstanceStatus.Up or InstanceStatus.OutOfService)
        {
            return existing.Holder.Status;
        }

        return instance.Status;
    }

    private void UpdateRenewsPerMinThreshold()
    {
        var options = _options.CurrentValue;
        var perMinute = 60.0 / options.ExpectedClientRenewalInterval.TotalSeconds;
        Volatile.Write(ref _renewsPerMinThreshold, (int)(_expectedClients * perMinute * options.RenewalPercentThreshold));
    }

    private void RecordChange(InstanceInfo instance, long now)
    {
        _recent.Enqueue(new RegistryChange(now, instance));
        _feed.Publish(Interlocked.Increment(ref _version));
    }

    private bool TryGetLease(string app, string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Lease? lease)
    {
        lease = null;
        return _apps.TryGetValue(app, out var leases) && leases.TryGetValue(id, out lease);
    }
}
