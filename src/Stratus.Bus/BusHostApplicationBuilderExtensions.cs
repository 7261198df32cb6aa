using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Bus;
using Stratus.Bus.Addressing;
using Stratus.Bus.Environment;
using Stratus.Bus.Events;
using Stratus.Bus.Listening;
using Stratus.Bus.Transport;
using Stratus.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds Spring Cloud Bus to a host.</summary>
public static class BusHostApplicationBuilderExtensions
{
    private const string Marker = "Stratus.Bus.AddStratusBus";

    /// <summary>
    /// Adds the bus with settings from <c>Stratus:Bus</c> (Spring's <c>spring.cloud.bus.*</c> names also work): Stratus
    /// messaging with the <c>springCloudBusInput</c> (anonymous, so every instance gets every event) and
    /// <c>springCloudBusOutput</c> bindings on the <c>springCloudBus</c> destination, <see cref="IBusPublisher"/>, the
    /// listeners that refresh from the config server and set <c>busenv</c> values (in a configuration layer added now,
    /// above every source added before), and acks. Add a binder to the returned builder
    /// (<c>.AddRabbitMqBinder(builder.Configuration)</c> or <c>.AddKafkaBinder(builder.Configuration)</c>) and map the
    /// endpoints with <c>app.MapStratusBusRefresh()</c> and <c>app.MapStratusBusEnv()</c>; <c>builder.AddStratus()</c>
    /// does all of it from configuration. A second call changes nothing.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The messaging builder, to add a binder (and consumers of your own).</returns>
    public static StratusMessagingBuilder AddStratusBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Properties.TryGetValue(Marker, out var added) && added is StratusMessagingBuilder existing)
        {
            return existing;
        }

        var configuration = builder.Configuration;
        var services = builder.Services;
        var messaging = services.AddStratusMessaging(configuration);
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<BusOptions>>(new BusOptionsBinder(configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOptions>, BusOptionsRules>());
        services.AddOptions<MessagingOptions>().PostConfigure<IOptions<BusOptions>>((options, bus) => BusBindings.Apply(options, bus.Value));
        services.AddOptions<MessagingJsonOptions>().PostConfigure(BusBindings.AddTypeInfo);

        // Last, so busenv values win over every source added so far, as Spring's EnvironmentManager source does.
        var environment = new BusEnvironment();
        configuration.Add(new BusEnvironmentSource(environment));
        services.AddSingleton(environment);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BusIdentity>();
        services.TryAddSingleton<BusListener>();
        services.TryAddSingleton<BusPublisher>();
        services.TryAddSingleton<IBusPublisher>(sp => sp.GetRequiredService<BusPublisher>());
        services.TryAddSingleton<BusConsumer>();
        var inbox = new BusInbox();
        services.AddSingleton(inbox);
        services.AddHostedService<BusStartup>();
        messaging.AddConsumer<RemoteApplicationEvent>(BusBindings.Input, inbox.HandleAsync);
        builder.Properties[Marker] = messaging;
        return messaging;
    }
}
