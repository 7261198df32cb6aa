using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Stratus.Messaging;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Kafka;
using Stratus.Messaging.Kafka.Binder;
using Stratus.Messaging.Kafka.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Kafka binder to Stratus messaging.</summary>
public static class KafkaMessagingBuilderExtensions
{
    /// <summary>
    /// Uses Kafka, reached through <c>Stratus:Messaging:Kafka:BootstrapServers</c>, with Spring Cloud Stream's Kafka binder
    /// layout: a topic per destination, a consumer group per binding group (an anonymous <c>anonymous.&lt;uuid&gt;</c> group
    /// without one), offsets committed only after the handler, and dead letters in <c>error.&lt;destination&gt;.&lt;group&gt;</c>.
    /// Adds the <c>kafka</c> health check (tag <c>stratus</c>).
    /// </summary>
    /// <param name="builder">The messaging builder from <c>AddStratusMessaging</c>.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Messaging:Kafka</c>.</param>
    /// <returns>The same builder.</returns>
    public static StratusMessagingBuilder AddKafkaBinder(this StratusMessagingBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<KafkaBinderOptions>().Bind(configuration.GetSection(KafkaBinderOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaBinderOptions>, KafkaBinderOptionsRules>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KafkaBinder>();
        builder.Services.TryAddSingleton<IMessageBinder>(sp => sp.GetRequiredService<KafkaBinder>());
        if (!builder.Services.Any(d => d.ServiceType == typeof(KafkaHealthCheck)))
        {
            builder.Services.AddSingleton(sp => new KafkaHealthCheck(
                sp.GetRequiredService<KafkaBinder>().GetClusterMetadataAsync, sp.GetRequiredService<IOptions<KafkaBinderOptions>>(), sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("kafka", sp => sp.GetRequiredService<KafkaHealthCheck>(), failureStatus: null, tags: ["stratus"]));
        }

        return builder;
    }
}
