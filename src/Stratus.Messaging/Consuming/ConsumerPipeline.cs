using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Consuming;

/// <summary>Reads the payload once, then calls the handler up to <see cref="BindingOptions.MaxAttempts"/> times with back-off.</summary>
internal sealed partial class ConsumerPipeline<T>(
    string binding,
    BindingOptions options,
    JsonTypeInfo<T> typeInfo,
    Func<T, CancellationToken, Task> handler,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        T payload;
        try
        {
            payload = JsonSerializer.Deserialize(message.Body.Span, typeInfo)!;
        }
        catch (JsonException ex)
        {
            throw new MessageConversionException($"Cannot convert the payload to {typeof(T).Name}: {ex.Message}", ex);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler(payload, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = RetryBackOff.Delay(options, attempt);
                Log.AttemptFailed(logger, binding, attempt, options.MaxAttempts, delay, ex);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, EventName = "MessagingHandlerAttemptFailed", Level = LogLevel.Warning,
            Message = "Handler for binding '{Binding}' failed attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
        public static partial void AttemptFailed(ILogger logger, string binding, int attempt, int maxAttempts, TimeSpan delay, Exception exception);
    }
}
