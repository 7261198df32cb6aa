using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Consuming;

namespace Stratus.Messaging;

/// <summary>Adds consumers and a binder to Stratus messaging; returned by <c>AddStratusMessaging</c>.</summary>
public sealed class StratusMessagingBuilder
{
    internal StratusMessagingBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Consumes <paramref name="binding"/>: each message's JSON payload is read as <typeparamref name="T"/> and passed to
    /// <paramref name="handler"/>, retried per the binding's back-off, and acknowledged only after the handler succeeds.
    /// </summary>
    /// <typeparam name="T">The payload type; needs JSON type info in <see cref="MessagingJsonOptions.SerializerOptions"/> under native AOT.</typeparam>
    /// <param name="binding">The binding name under <c>Stratus:Messaging:Bindings</c>.</param>
    /// <param name="handler">Handles one payload; its token is cancelled on shutdown.</param>
    /// <returns>This builder.</returns>
    public StratusMessagingBuilder AddConsumer<T>(string binding, Func<T, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddConsumerCore<T>(binding, _ => handler);
    }

    /// <summary>
    /// A function binding, as Spring Cloud Stream's <c>Function&lt;TIn, TOut&gt;</c>: each payload from
    /// <paramref name="input"/> is passed to <paramref name="function"/> and its result published to <paramref name="output"/>;
    /// the input message is acknowledged only after the broker confirmed the output. A failed publish is retried with
    /// the function, so the output can be published more than once (at least once, no deduplication).
    /// </summary>
    /// <typeparam name="TIn">The input payload type.</typeparam>
    /// <typeparam name="TOut">The output payload type.</typeparam>
    /// <param name="input">The input binding name.</param>
    /// <param name="output">The output binding name.</param>
    /// <param name="function">Maps one input payload to one output payload.</param>
    /// <returns>This builder.</returns>
    public StratusMessagingBuilder AddFunction<TIn, TOut>(string input, string output, Func<TIn, CancellationToken, Task<TOut>> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(function);
        return AddConsumerCore<TIn>(input, services =>
        {
            var publisher = services.GetRequiredService<IMessagePublisher>();
            return async (payload, cancellationToken) =>
                await publisher.PublishAsync(output, await function(payload, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);
        });
    }

    private StratusMessagingBuilder AddConsumerCore<T>(string binding, Func<IServiceProvider, Func<T, CancellationToken, Task>> createHandler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binding);
        Services.AddSingleton(new ConsumerRegistration(binding, services =>
        {
            var handler = createHandler(services);
            var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value.GetBinding(binding);
            var typeInfo = (JsonTypeInfo<T>)services.GetRequiredService<IOptions<MessagingJsonOptions>>().Value.SerializerOptions.GetTypeInfo(typeof(T));
            var pipeline = new ConsumerPipeline<T>(binding, options, typeInfo, handler,
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Messaging.Consumer"));
            return pipeline.HandleAsync;
        }));
        return this;
    }
}
