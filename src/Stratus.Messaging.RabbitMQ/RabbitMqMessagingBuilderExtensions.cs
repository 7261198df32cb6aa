using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Messaging;
using Stratus.Messaging.Binding;
using Stratus.Messaging.RabbitMQ;
using Stratus.Messaging.RabbitMQ.Binder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the RabbitMQ binder to Stratus messaging.</summary>
public static class RabbitMqMessagingBuilderExtensions
{
    /// <summary>
    /// Uses RabbitMQ, reached through <c>Stratus:Messaging:RabbitMQ:Uri</c>, with Spring Cloud Stream's Rabbit binder
    /// layout: a durable topic exchange per destination, a durable queue <c>&lt;destination&gt;.&lt;group&gt;</c> per
    /// consumer group, and dead letters in <c>&lt;destination&gt;.&lt;group&gt;.dlq</c> through the <c>DLX</c> exchange.
    /// </summary>
    /// <param name="builder">The messaging builder from <c>AddStratusMessaging</c>.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Messaging:RabbitMQ</c>.</param>
    /// <returns>The same builder.</returns>
    public static StratusMessagingBuilder AddRabbitMqBinder(this StratusMessagingBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<RabbitMqBinderOptions>().Bind(configuration.GetSection(RabbitMqBinderOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RabbitMqBinder>();
        builder.Services.TryAddSingleton<IMessageBinder>(sp => sp.GetRequiredService<RabbitMqBinder>());
        return builder;
    }
}
