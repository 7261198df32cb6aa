using StackExchange.Redis;

namespace Stratus.Messaging.Deduplication;

/// <summary>
/// Claims and handled ids as Redis keys <c>stratus:messaging:handled:&lt;scope&gt;:&lt;id&gt;</c>, shared by every instance
/// of a group: a claim is <c>SET NX</c> of <c>claimed</c> with the lease as expiry, completion overwrites it with
/// <c>handled</c> and the window as expiry. A Redis failure fails the attempt (it is retried and, in the end,
/// dead-lettered), so a duplicate is never handled silently because the store was down.
/// </summary>
internal sealed class RedisMessageDeduplicationStore(IConnectionMultiplexer redis) : IMessageDeduplicationStore
{
    private static readonly RedisValue Claimed = "claimed";
    private static readonly RedisValue Handled = "handled";

    public async ValueTask<DeduplicationClaim> TryClaimAsync(string scope, string messageId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var key = Key(scope, messageId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await database.StringSetAsync(key, Claimed, lease, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                return DeduplicationClaim.Claimed;
            }

            var existing = await database.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (existing.HasValue)
            {
                return existing == Handled ? DeduplicationClaim.AlreadyHandled : DeduplicationClaim.HeldElsewhere;
            }

            // The key expired between the two calls: claim again.
        }

        return DeduplicationClaim.HeldElsewhere;
    }

    public async ValueTask CompleteAsync(string scope, string messageId, TimeSpan window, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StringSetAsync(Key(scope, messageId), Handled, window).WaitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask AbandonAsync(string scope, string messageId, CancellationToken cancellationToken)
    {
        // Delete only a claim, never a completed record (a compare-and-delete in one script).
        await redis.GetDatabase().ScriptEvaluateAsync(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
            [Key(scope, messageId)], [Claimed]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static RedisKey Key(string scope, string messageId) => $"stratus:messaging:handled:{scope}:{messageId}";
}
