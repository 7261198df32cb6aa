using System.Collections.Concurrent;

namespace Stratus.Messaging.Deduplication;

/// <summary>
/// Claims and handled ids in a dictionary with expiry times, at most <see cref="MaxEntries"/>: past that, expired entries
/// are swept and, if still full, the oldest half is dropped (a duplicate of a dropped id would be handled again, never a new
/// message lost).
/// </summary>
internal sealed class InMemoryMessageDeduplicationStore(TimeProvider time) : IMessageDeduplicationStore
{
    internal const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<(string Scope, string Id), Entry> _entries = new();
    private readonly Lock _sweeping = new();

    public ValueTask<DeduplicationClaim> TryClaimAsync(string scope, string messageId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var claim = new Entry(Handled: false, now + Ticks(lease));
        while (true)
        {
            if (_entries.TryAdd((scope, messageId), claim))
            {
                SweepIfFull(now);
                return ValueTask.FromResult(DeduplicationClaim.Claimed);
            }

            if (!_entries.TryGetValue((scope, messageId), out var existing))
            {
                continue;
            }

            if (existing.Expires > now)
            {
                return ValueTask.FromResult(existing.Handled ? DeduplicationClaim.AlreadyHandled : DeduplicationClaim.HeldElsewhere);
            }

            if (_entries.TryUpdate((scope, messageId), claim, existing))
            {
                return ValueTask.FromResult(DeduplicationClaim.Claimed);
            }
        }
    }

    public ValueTask CompleteAsync(string scope, string messageId, TimeSpan window, CancellationToken cancellationToken)
    {
        _entries[(scope, messageId)] = new Entry(Handled: true, time.GetTimestamp() + Ticks(window));
        return ValueTask.CompletedTask;
    }

    public ValueTask AbandonAsync(string scope, string messageId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue((scope, messageId), out var existing) && !existing.Handled)
        {
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>((scope, messageId), existing));
        }

        return ValueTask.CompletedTask;
    }

    internal int Count => _entries.Count;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private void SweepIfFull(long now)
    {
        if (_entries.Count <= MaxEntries)
        {
            return;
        }

        lock (_sweeping)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Expires <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count > MaxEntries)
            {
                foreach (var (key, _) in _entries.OrderBy(entry => entry.Value.Expires).Take(_entries.Count - (MaxEntries / 2)).ToList())
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private readonly record struct Entry(bool Handled, long Expires);
}
