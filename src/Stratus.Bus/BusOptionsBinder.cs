using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Stratus.Bus;

/// <summary>
/// Spring's <c>spring.cloud.bus.*</c> names (nested, <c>spring:cloud:bus:id</c>, or dotted, <c>spring.cloud.bus.id</c>),
/// each read only where the Stratus key is not set. The one place the bus maps Spring names.
/// </summary>
internal sealed class BusOptionsBinder(IConfiguration configuration) : IConfigureOptions<BusOptions>
{
    public void Configure(BusOptions options)
    {
        var stratus = configuration.GetSection(BusOptions.SectionName);
        options.Enabled = Bool(stratus, "Enabled", "enabled", options.Enabled);
        if (stratus["Id"] is null && Spring("id") is { } id)
        {
            options.Id = id;
        }

        if (stratus["Destination"] is null && Spring("destination") is { } destination)
        {
            options.Destination = destination;
        }

        options.Ack.Enabled = Bool(stratus, "Ack:Enabled", "ack.enabled", options.Ack.Enabled);
        if (stratus["Ack:DestinationService"] is null && (Spring("ack.destination-service") ?? Spring("ack.destinationService")) is { } ackDestination)
        {
            options.Ack.DestinationService = ackDestination;
        }

        options.Refresh.Enabled = Bool(stratus, "Refresh:Enabled", "refresh.enabled", options.Refresh.Enabled);
        options.Env.Enabled = Bool(stratus, "Env:Enabled", "env.enabled", options.Env.Enabled);
        options.Shutdown.Enabled = Bool(stratus, "Shutdown:Enabled", "shutdown.enabled", options.Shutdown.Enabled);
    }

    private bool Bool(IConfigurationSection stratus, string stratusKey, string springKey, bool current)
    {
        if (stratus[stratusKey] is not null || Spring(springKey) is not { } text)
        {
            return current;
        }

        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new OptionsValidationException(BusOptions.SectionName, typeof(BusOptions), [$"spring.cloud.bus.{springKey} must be true or false, was '{text}'"]);
    }

    private string? Spring(string dotted) =>
        configuration["spring:cloud:bus:" + dotted.Replace('.', ':')] ?? configuration["spring.cloud.bus." + dotted];
}
