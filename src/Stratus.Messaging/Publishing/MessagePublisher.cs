using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Publishing;

internal sealed class MessagePublisher(IMessageBinder binder, IOptionsMonitor<MessagingOptions> options, IOptions<MessagingJsonOptions> json) : IMessagePublisher
{
    private readonly ConcurrentDictionary<string, PartitionKey> _partitionKeys = new(StringComparer.Ordinal);

    public Task PublishAsync<T>(string binding, T payload, IDictionary<string, object?>? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binding);
        var settings = options.CurrentValue.GetBinding(binding);
        var typeInfo = (JsonTypeInfo<T>)json.Value.SerializerOptions.GetTypeInfo(typeof(T));
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var all = headers is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(headers, StringComparer.Ordinal);
        all[MessageHeaders.ContentType] = settings.ContentType;
        int? partition = null;
        string? key = null;
        if (settings.PartitionCount > 1)
        {
            var keyValue = GetPartitionKey(settings).Evaluate(body, all);
            partition = PartitionKey.SelectPartition(keyValue, settings.PartitionCount);
            key = PartitionKey.ToText(keyValue);
            all[MessageHeaders.Partition] = partition.Value;
        }

        var message = new OutboundMessage(body, settings.ContentType, all)
        {
            MessageId = Guid.NewGuid().ToString(),
            Partition = partition,
            Key = key,
        };
        return binder.PublishAsync(settings.ResolveDestination(binding), message, cancellationToken);
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
}
