namespace Stratus.Gateway.RateLimiting;

/// <summary>A token bucket per key: takes <c>requested</c> tokens if there are enough.</summary>
internal interface IRateLimiter
{
    ValueTask<RateLimitDecision> TryTakeAsync(string bucket, BucketSettings settings, CancellationToken cancellationToken);
}

/// <summary>Spring's <c>replenishRate</c> (tokens a second), <c>burstCapacity</c> and <c>requestedTokens</c>.</summary>
internal sealed record BucketSettings(int ReplenishRate, int BurstCapacity, int RequestedTokens);

/// <summary>Whether the request may go on, and the tokens left for <c>X-RateLimit-Remaining</c> (-1 when unknown).</summary>
internal readonly record struct RateLimitDecision(bool Allowed, long TokensLeft);
