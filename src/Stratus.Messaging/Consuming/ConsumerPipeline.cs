using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Diagnostics;

namespace Stratus.Messaging.Consuming;

/// <summary>
/// One binding's handling of a message: the trace context from its headers, the deduplication check for idempotent
/// bindings, the payload read once, then the handler up to <see cref="BindingOptions.MaxAttempts"/> times with back-off.
/// Throwing hands the message to the binder's dead-letter path.
/// </summary>
internal sealed partial class ConsumerPipeline<T>(
    string binding,
    string destination,
    BindingOptions options,
    JsonTypeInfo<T> typeInfo,
    Func<ReceivedMessage<T>, CancellationToken, Task> handler,
    IMessageDeduplicationStore deduplication,
    MessagingTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger logger)
{
    // Longer ids are not remembered: a hostile publisher must not fill the store with megabyte keys.
    internal const int MaxMessageIdLength = 256;
    private readonly string _scope = $"{destination}.{options.Group ?? "anonymous"}";
    private readonly KeyValuePair<string, object?> _bindingTag = new("binding", binding);

    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var messageId = options.Idempotent && message.MessageId is { Length: > 0 and <= MaxMessageIdLength } id ? id : null;
        using var activity = MessagingTelemetry.StartProcess(destination, options.Group, message.MessageId, message.Headers);
        var outcome = "error";
        try
        {
            if (messageId is not null && await ClaimAsync(messageId, cancellationToken).ConfigureAwait(false) == DeduplicationClaim.AlreadyHandled)
            {
                Log.Duplicate(logger, binding, messageId);
                outcome = "duplicate";
                return;
            }

            var received = new ReceivedMessage<T>(Read(message, messageId, cancellationToken), message.Headers) { MessageId = message.MessageId, Partition = message.Partition };
            await InvokeWithRetriesAsync(received, messageId, cancellationToken).ConfigureAwait(false);
            outcome = "success";
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
        finally
        {
            telemetry.Consumed.Add(1, _bindingTag, new("outcome", outcome));
            telemetry.HandlerDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds, _bindingTag);
        }
    }

    /// <summary>Claims the id, waiting while another consumer holds it (its claim ends by completion, release or lease expiry).</summary>
    private async Task<DeduplicationClaim> ClaimAsync(string messageId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var claim = await deduplication.TryClaimAsync(_scope, messageId, options.DeduplicationLease, cancellationToken).ConfigureAwait(false);
            if (claim != DeduplicationClaim.HeldElsewhere)
            {
                return claim;
            }

            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private T Read(InboundMessage message, string? claimedId, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Body.Span, typeInfo)!;
        }
        catch (JsonException ex)
        {
            if (claimedId is not null)
            {
                // Dead-lettered at once; a corrected copy with the same id must not wait for the lease.
                _ = AbandonAsync(claimedId, cancellationToken);
            }

            throw new MessageConversionException($"Cannot convert the payload to {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private async Task InvokeWithRetriesAsync(ReceivedMessage<T> received, string? claimedId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler(received, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = RetryBackOff.Delay(options, attempt);
                Log.AttemptFailed(logger, binding, attempt, options.MaxAttempts, delay, ex);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch when (claimedId is not null)
            {
                await AbandonAsync(claimedId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        if (claimedId is not null)
        {
            await CompleteAsync(claimedId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompleteAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await deduplication.CompleteAsync(_scope, messageId, options.DeduplicationWindow, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The handler succeeded: acknowledge it; a lost record only risks handling a later redelivery again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MarkFailed(logger, binding, messageId, ex);
        }
    }

    private async Task AbandonAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await deduplication.AbandonAsync(_scope, messageId, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The claim then expires with its lease.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MarkFailed(logger, binding, messageId, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, EventName = "MessagingHandlerAttemptFailed", Level = LogLevel.Warning,
            Message = "Handler for binding '{Binding}' failed attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
        public static partial void AttemptFailed(ILogger logger, string binding, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 2002, EventName = "MessagingDuplicateSkipped", Level = LogLevel.Information,
            Message = "Message {MessageId} on binding '{Binding}' was already handled; acknowledged without calling the handler")]
        public static partial void Duplicate(ILogger logger, string binding, string messageId);

        [LoggerMessage(EventId = 2003, EventName = "MessagingDeduplicationMarkFailed", Level = LogLevel.Warning,
            Message = "Could not update the deduplication record of message {MessageId} on binding '{Binding}'; a redelivery may be handled again or wait for the lease")]
        public static partial void MarkFailed(ILogger logger, string binding, string messageId, Exception exception);
    }
}
