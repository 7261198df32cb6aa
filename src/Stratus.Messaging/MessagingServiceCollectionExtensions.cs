using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Messaging;
using Stratus.Messaging.Consuming;
using Stratus.Messaging.Deduplication;
using Stratus.Messaging.Diagnostics;
using Stratus.Messaging.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Stratus messaging.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the publisher (<see cref="IMessagePublisher"/>) and the host that starts consumers, with bindings from
    /// <c>Stratus:Messaging:Bindings</c>. Add a binder too, such as <c>AddRabbitMqBinder</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Messaging</c>.</param>
    /// <returns>A builder to add consumers and a binder.</returns>
    public static StratusMessagingBuilder AddStratusMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsRules>());
        services.AddOptions<MessagingJsonOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessagePublisher, MessagePublisher>();
        services.AddMetrics();
        services.TryAddSingleton<MessagingTelemetry>();
        services.TryAddSingleton<IMessageDeduplicationStore, InMemoryMessageDeduplicationStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MessagingHost>());
        return new StratusMessagingBuilder(services);
    }
}
