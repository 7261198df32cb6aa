using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Diagnostics;

namespace Stratus.Messaging.Publishing;

internal sealed class MessagePublisher(
    IMessageBinder binder,
    IOptionsMonitor<MessagingOptions> options,
    IOptions<MessagingJsonOptions> json,
    MessagingTelemetry telemetry) : IMessagePublisher
{
    private readonly ConcurrentDictionary<string, PartitionKey> _partitionKeys = new(StringComparer.Ordinal);

    public async Task PublishAsync<T>(string binding, T payload, IDictionary<string, object?>? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binding);
        var settings = options.CurrentValue.GetBinding(binding);
        var typeInfo = (JsonTypeInfo<T>)json.Value.SerializerOptions.GetTypeInfo(typeof(T));
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var all = headers is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(headers, StringComparer.Ordinal);
        all[MessageHeaders.ContentType] = settings.ContentType;
        int? partition = null;
        string? key = null;
        var destination = settings.ResolveDestination(binding);
        if (settings.PartitionCount > 1)
        {
            var keyValue = GetPartitionKey(settings).Evaluate(body, all);
            var brokerCount = await binder.GetPartitionCountAsync(destination, cancellationToken).ConfigureAwait(false);
            partition = PartitionKey.SelectPartition(keyValue, Math.Max(settings.PartitionCount, brokerCount ?? 0));
            key = PartitionKey.ToText(keyValue);
            all[MessageHeaders.Partition] = partition.Value;
        }

        var messageId = NewMessageId();
        using var activity = MessagingTelemetry.StartPublish(destination, messageId);
        MessagingTelemetry.Inject(activity ?? Activity.Current, all);
        var message = new OutboundMessage(body, settings.ContentType, all)
        {
            MessageId = messageId,
            Partition = partition,
            Key = key,
        };
        var destinationTag = new KeyValuePair<string, object?>("destination", destination);
        try
        {
            await binder.PublishAsync(destination, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            telemetry.Published.Add(1, destinationTag, new("outcome", "error"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }

        telemetry.Published.Add(1, destinationTag, new("outcome", "success"));
    }

    private PartitionKey GetPartitionKey(BindingOptions settings)
    {
        var expression = settings.PartitionKeyExpression ?? string.Empty;
        if (_partitionKeys.TryGetValue(expression, out var parsed))
        {
            return parsed;
        }

        // Validated at start; a reloaded bad value fails the publish with the same message.
        return PartitionKey.TryParse(expression, out var key, out var problem)
            ? _partitionKeys.GetOrAdd(expression, key)
            : throw new InvalidOperationException($"PartitionKeyExpression {problem}");
    }

    /// <summary>
    /// A version-4 UUID from <see cref="Random.Shared"/>: <see cref="Guid.NewGuid"/> reads the kernel's random source on
    /// every call (about 4 µs here, the whole of the publisher's own cost), and an id needs uniqueness, not secrecy
    /// (Spring's <c>AlternativeJdkIdGenerator</c> makes the same trade).
    /// </summary>
    internal static string NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
#pragma warning disable CA5394 // Not a secret: 122 random bits for uniqueness.
        Random.Shared.NextBytes(bytes);
#pragma warning restore CA5394
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
