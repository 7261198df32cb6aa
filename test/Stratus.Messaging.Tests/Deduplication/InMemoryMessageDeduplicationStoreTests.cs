using Microsoft.Extensions.Time.Testing;
using Stratus.Messaging.Deduplication;

namespace Stratus.Messaging.Tests.Deduplication;

public sealed class InMemoryMessageDeduplicationStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_claim_is_exclusive_until_completed_then_the_id_is_handled_for_its_window_in_its_scope_only()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryMessageDeduplicationStore(time);

        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("orders.billing", "m-1", Lease, Token));
        Assert.Equal(DeduplicationClaim.HeldElsewhere, await store.TryClaimAsync("orders.billing", "m-1", Lease, Token));
        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("orders.shipping", "m-1", Lease, Token));
        await store.CompleteAsync("orders.billing", "m-1", TimeSpan.FromMinutes(5), Token);

        Assert.Equal(DeduplicationClaim.AlreadyHandled, await store.TryClaimAsync("orders.billing", "m-1", Lease, Token));
        await store.AbandonAsync("orders.billing", "m-1", Token);
        Assert.Equal(DeduplicationClaim.AlreadyHandled, await store.TryClaimAsync("orders.billing", "m-1", Lease, Token));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("orders.billing", "m-1", Lease, Token));
    }

    [Fact]
    public async Task An_abandoned_or_expired_claim_can_be_claimed_again()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryMessageDeduplicationStore(time);

        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("s", "m", Lease, Token));
        await store.AbandonAsync("s", "m", Token);
        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("s", "m", Lease, Token));
        time.Advance(Lease);
        Assert.Equal(DeduplicationClaim.Claimed, await store.TryClaimAsync("s", "m", Lease, Token));
    }

    [Fact]
    public async Task The_store_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryMessageDeduplicationStore(time);

        for (var i = 0; i <= InMemoryMessageDeduplicationStore.MaxEntries + 10; i++)
        {
            await store.TryClaimAsync("s", $"m-{i}", Lease, Token);
        }

        Assert.InRange(store.Count, 1, InMemoryMessageDeduplicationStore.MaxEntries);
        Assert.Equal(DeduplicationClaim.HeldElsewhere, await store.TryClaimAsync("s", $"m-{InMemoryMessageDeduplicationStore.MaxEntries + 10}", Lease, Token));
    }
}
