using System.Collections.Concurrent;

namespace Stratus.Gateway.RateLimiting;

/// <summary>
/// Token buckets in this process, the same arithmetic as the Redis one: a bucket refills at <c>replenishRate</c> tokens a
/// second up to <c>burstCapacity</c>. Buckets idle long enough to be full again are dropped when the table grows.
/// </summary>
internal sealed class LocalRateLimiter(TimeProvider time) : IRateLimiter
{
    private const int MaxBuckets = 100_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public ValueTask<RateLimitDecision> TryTakeAsync(string bucket, BucketSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_buckets.Count > MaxBuckets)
        {
            Sweep(now);
        }

        var state = _buckets.GetOrAdd(bucket, static (_, s) => new Bucket(s.BurstCapacity), (settings.BurstCapacity, now));
        lock (state)
        {
            var elapsed = state.Stamp == 0 ? 0 : time.GetElapsedTime(state.Stamp, now).TotalSeconds;
            state.Tokens = Math.Min(settings.BurstCapacity, state.Tokens + (elapsed * settings.ReplenishRate));
            state.Stamp = now;
            var allowed = state.Tokens >= settings.RequestedTokens;
            if (allowed)
            {
                state.Tokens -= settings.RequestedTokens;
            }

            return ValueTask.FromResult(new RateLimitDecision(allowed, (long)Math.Floor(state.Tokens)));
        }
    }

    private void Sweep(long now)
    {
        foreach (var (key, state) in _buckets)
        {
            if (time.GetElapsedTime(state.Stamp, now) > TimeSpan.FromMinutes(10))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; set; }
    }
}
