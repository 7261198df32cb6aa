using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Publishing;

internal sealed class MessagePublisher(IMessageBinder binder, IOptionsMonitor<MessagingOptions> options, IOptions<MessagingJsonOptions> json) : IMessagePublisher
{
    public Task PublishAsync<T>(string binding, T payload, IDictionary<string, object?>? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binding);
        var settings = options.CurrentValue.GetBinding(binding);
        var typeInfo = (JsonTypeInfo<T>)json.Value.SerializerOptions.GetTypeInfo(typeof(T));
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var all = headers is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(headers, StringComparer.Ordinal);
        all[MessageHeaders.ContentType] = settings.ContentType;
        return binder.PublishAsync(settings.ResolveDestination(binding), new OutboundMessage(body, settings.ContentType, all), cancellationToken);
    }
}
