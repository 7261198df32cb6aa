using Stratus.Bus.Events;
using Stratus.Messaging;

namespace Stratus.Bus.Transport;

/// <summary>
/// Spring's bus bindings (<c>BusConstants</c>): <c>springCloudBusInput</c> and <c>springCloudBusOutput</c>, both on the
/// bus destination unless configured, as <c>BusEnvironmentPostProcessor</c> sets them. The input is anonymous (no
/// group), so every instance gets every event: on RabbitMQ an exclusive auto-delete queue bound to the
/// <c>springCloudBus</c> topic exchange, on Kafka a consumer group of its own from the latest offset.
/// </summary>
internal static class BusBindings
{
    public const string Input = "springCloudBusInput";
    public const string Output = "springCloudBusOutput";

    public static void Apply(MessagingOptions messaging, BusOptions bus)
    {
        foreach (var name in (ReadOnlySpan<string>)[Input, Output])
        {
            if (!messaging.Bindings.TryGetValue(name, out var binding))
            {
                binding = new BindingOptions();
                messaging.Bindings[name] = binding;
            }

            if (string.IsNullOrWhiteSpace(binding.Destination))
            {
                binding.Destination = bus.Destination;
            }
        }
    }

    /// <summary>
    /// Gives the messaging JSON the bus event's type info: the core asks the options for type info directly, which
    /// needs a resolver in the chain (reflection is not a fallback there). Added after the application's own contexts.
    /// </summary>
    public static void AddTypeInfo(MessagingJsonOptions json) => json.SerializerOptions.TypeInfoResolverChain.Add(BusJsonContext.Default);
}
