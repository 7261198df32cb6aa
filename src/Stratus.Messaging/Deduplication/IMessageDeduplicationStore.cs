namespace Stratus.Messaging;

/// <summary>
/// Remembers which message ids a consumer group has handled or is handling, for bindings marked
/// <see cref="BindingOptions.Idempotent"/>. The default keeps them in memory (redeliveries to the same process, such as
/// after a broker restart); <c>UseRedisDeduplication</c> shares them between the instances of a group, so a copy redelivered
/// to another instance after a crash is recognised too.
/// </summary>
public interface IMessageDeduplicationStore
{
    /// <summary>
    /// Claims <paramref name="messageId"/> in <paramref name="scope"/> for handling, atomically: at most one consumer holds a
    /// claim at a time, for at most <paramref name="lease"/>.
    /// </summary>
    /// <param name="scope">The consumer's scope, <c>&lt;destination&gt;.&lt;group&gt;</c>.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="lease">How long the claim holds if its owner never completes or abandons it (it crashed).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the caller may handle the message, it was handled already, or another consumer holds it.</returns>
    ValueTask<DeduplicationClaim> TryClaimAsync(string scope, string messageId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Turns a claim into a record that the message was handled, kept for <paramref name="window"/>.</summary>
    /// <param name="scope">The consumer's scope.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="window">How long to remember it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    ValueTask CompleteAsync(string scope, string messageId, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Gives a claim up after the handler failed, so the next attempt or another consumer may claim it.</summary>
    /// <param name="scope">The consumer's scope.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the claim is gone.</returns>
    ValueTask AbandonAsync(string scope, string messageId, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="IMessageDeduplicationStore.TryClaimAsync"/>.</summary>
public enum DeduplicationClaim
{
    /// <summary>The caller holds the claim and handles the message.</summary>
    Claimed,

    /// <summary>The message was handled already: acknowledge it without handling.</summary>
    AlreadyHandled,

    /// <summary>Another consumer is handling it now: try again later.</summary>
    HeldElsewhere,
}
