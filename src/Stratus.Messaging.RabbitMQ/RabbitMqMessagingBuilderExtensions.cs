using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Messaging;
using Stratus.Messaging.Binding;
using Stratus.Messaging.RabbitMQ;
using Stratus.Messaging.RabbitMQ.Binder;
using Stratus.Messaging.RabbitMQ.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the RabbitMQ binder to Stratus messaging.</summary>
public static class RabbitMqMessagingBuilderExtensions
{
    /// <summary>
    /// Uses RabbitMQ, reached through <c>Stratus:Messaging:RabbitMQ:Uri</c>, with Spring Cloud Stream's Rabbit binder
    /// layout: a durable topic exchange per destination, a durable queue <c>&lt;destination&gt;.&lt;group&gt;</c> per
    /// consumer group (<c>&lt;destination&gt;.&lt;group&gt;-&lt;index&gt;</c> per partition), and dead letters in
    /// <c>&lt;destination&gt;.&lt;group&gt;.dlq</c> through the <c>DLX</c> exchange. Adds the <c>rabbit</c> health check.
    /// </summary>
    /// <param name="builder">The messaging builder from <c>AddStratusMessaging</c>.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Messaging:RabbitMQ</c>.</param>
    /// <returns>The same builder.</returns>
    public static StratusMessagingBuilder AddRabbitMqBinder(this StratusMessagingBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.AddOptions<RabbitMqBinderOptions>().Bind(configuration.GetSection(RabbitMqBinderOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqBinderOptions>, RabbitMqBinderOptionsRules>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RabbitMqConnection>();
        services.TryAddSingleton<RabbitMqBinder>();
        services.TryAddSingleton<IMessageBinder>(sp => sp.GetRequiredService<RabbitMqBinder>());
        if (!services.Any(d => d.ServiceType == typeof(RabbitMqHealthCheck)))
        {
            // Spring Boot's component name, so dashboards built for Java services find it.
            services.AddSingleton<RabbitMqHealthCheck>();
            services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>("rabbit", tags: ["stratus"]);
        }

        return builder;
    }
}
