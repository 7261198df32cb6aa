using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Stratus.Messaging.Consuming;
using Stratus.Messaging.Deduplication;
using Stratus.Messaging.Diagnostics;
using Stratus.Messaging.Publishing;

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
        return AddConsumerCore<T>(binding, _ => (message, cancellationToken) => handler(message.Payload, cancellationToken));
    }

    /// <summary>
    /// Consumes <paramref name="binding"/> with access to the headers, message id and partition, as a Spring
    /// <c>Consumer&lt;Message&lt;T&gt;&gt;</c>; otherwise the same as <see cref="AddConsumer{T}"/>.
    /// </summary>
    /// <typeparam name="T">The payload type; needs JSON type info in <see cref="MessagingJsonOptions.SerializerOptions"/> under native AOT.</typeparam>
    /// <param name="binding">The binding name under <c>Stratus:Messaging:Bindings</c>.</param>
    /// <param name="handler">Handles one message; its token is cancelled on shutdown.</param>
    /// <returns>This builder.</returns>
    public StratusMessagingBuilder AddMessageConsumer<T>(string binding, Func<ReceivedMessage<T>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddConsumerCore<T>(binding, _ => handler);
    }

    /// <summary>
    /// A producer binding, as Spring Cloud Stream's reactive <c>Supplier&lt;Flux&lt;T&gt;&gt;</c>: once the host has started,
    /// every item <paramref name="source"/> yields is published to <paramref name="output"/>, one at a time, each confirmed by
    /// the broker before the next is asked for. If the sequence throws, the failure is logged and the sequence is started
    /// again after a back-off (1 s, doubling to 30 s); when it ends, the supplier is done. Stopping the host cancels it.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="output">The output binding name.</param>
    /// <param name="source">Creates the sequence; its token is cancelled on shutdown.</param>
    /// <returns>This builder.</returns>
    public StratusMessagingBuilder AddSupplier<T>(string output, Func<IServiceProvider, CancellationToken, IAsyncEnumerable<T>> source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(source);
        Services.AddSingleton<IHostedService>(services => new SupplierHost<T>(
            output, token => source(services, token), services.GetRequiredService<IMessagePublisher>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Messaging.Supplier")));
        return this;
    }

    /// <summary>
    /// Keeps the handled message ids of <see cref="BindingOptions.Idempotent"/> bindings in Redis, shared by every instance of a
    /// group, so a message redelivered to another instance after a crash is not handled twice.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
    /// <returns>This builder.</returns>
    public StratusMessagingBuilder UseRedisDeduplication(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        Services.RemoveAll<IMessageDeduplicationStore>();
        Services.AddSingleton<IMessageDeduplicationStore>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            return new RedisMessageDeduplicationStore(ConnectionMultiplexer.Connect(options));
        });
        return this;
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
            return async (message, cancellationToken) =>
                await publisher.PublishAsync(output, await function(message.Payload, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);
        });
    }

    private StratusMessagingBuilder AddConsumerCore<T>(string binding, Func<IServiceProvider, Func<ReceivedMessage<T>, CancellationToken, Task>> createHandler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binding);
        Services.AddSingleton(new ConsumerRegistration(binding, services =>
        {
            var handler = createHandler(services);
            var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value.GetBinding(binding);
            var typeInfo = (JsonTypeInfo<T>)services.GetRequiredService<IOptions<MessagingJsonOptions>>().Value.SerializerOptions.GetTypeInfo(typeof(T));
            var pipeline = new ConsumerPipeline<T>(binding, options.ResolveDestination(binding), options, typeInfo, handler,
                services.GetRequiredService<IMessageDeduplicationStore>(), services.GetRequiredService<MessagingTelemetry>(),
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Messaging.Consumer"));
            return pipeline.HandleAsync;
        }));
        return this;
    }
}
