using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>
/// One consumer-group member: handles records one at a time and commits each offset only after the handler succeeded
/// or the record was dead-lettered, so a crash redelivers rather than loses (at least once).
/// </summary>
internal sealed class KafkaConsumer(
    KafkaBinder binder,
    ConsumerBinding binding,
    DeadLetterTarget? deadLetter,
    IConsumer<byte[]?, byte[]?> consumer,
    Func<InboundMessage, CancellationToken, Task> handler,
    TimeProvider timeProvider,
    ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan DeadLetterRetryDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? record;
            try
            {
                // Blocks this pool thread until a record, a rebalance callback or the stop.
                record = consumer.Consume(token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ConsumeException ex)
            {
                KafkaBinder.Log.ConsumeFailed(logger, binding.Name, ex.Error.Reason);
                continue;
            }

            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            if (!await HandleAsync(record, token).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                consumer.Commit(record);
            }
            catch (KafkaException ex)
            {
                // Typically the partition was revoked by a rebalance; its new owner redelivers from the last commit.
                KafkaBinder.Log.CommitFailed(logger, binding.Name, record.TopicPartitionOffset.ToString(), ex);
            }
        }
    }

    /// <summary>Runs the handler; <see langword="true"/> when the record is done (handled or dead-lettered) and may be committed.</summary>
    private async Task<bool> HandleAsync(ConsumeResult<byte[]?, byte[]?> record, CancellationToken token)
    {
        try
        {
            await handler(ToInbound(record), token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: not committed, so the group redelivers it.
            return false;
        }
#pragma warning disable CA1031 // Any handler failure must dead-letter the record rather than block the partition.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            return await DeadLetterAsync(record, failure, token).ConfigureAwait(false);
        }
    }

    private async Task<bool> DeadLetterAsync(ConsumeResult<byte[]?, byte[]?> record, Exception failure, CancellationToken token)
    {
        if (deadLetter is null)
        {
            KafkaBinder.Log.AnonymousDropped(logger, binding.Name, record.TopicPartitionOffset.ToString(), failure);
            return true;
        }

        try
        {
            await binder.DeadLetterAsync(deadLetter, record, failure, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // Keep the record: rewind to it and try again rather than commit past a lost dead letter.
        catch (Exception deadLetterFailure)
#pragma warning restore CA1031
        {
            KafkaBinder.Log.DeadLetterFailed(logger, binding.Name, deadLetter.Topic, DeadLetterRetryDelay, deadLetterFailure);
            try
            {
                consumer.Seek(record.TopicPartitionOffset);
                await Task.Delay(DeadLetterRetryDelay, timeProvider, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (KafkaException)
            {
                // The partition moved to another member, which redelivers from the last commit.
            }

            return false;
        }

        KafkaBinder.Log.DeadLettered(logger, binding.Name, record.TopicPartitionOffset.ToString(), deadLetter.Topic, failure);
        return true;
    }

    private static InboundMessage ToInbound(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = KafkaHeaderMapper.FromKafka(record.Message.Headers, out var messageId);
        return new InboundMessage(record.Message.Value ?? [], headers) { MessageId = messageId, Partition = record.Partition.Value };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        // Leaves the group at once so the remaining members take the partitions without waiting for the session timeout.
        consumer.Close();
        consumer.Dispose();
        _stopping.Dispose();
    }
}
