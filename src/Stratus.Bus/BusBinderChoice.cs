using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Stratus.Bus;

/// <summary>The binders <c>AddStratus()</c> and the config server role can give the bus.</summary>
internal enum BusBinderKind
{
    RabbitMq,
    Kafka,
}

/// <summary>
/// Whether <c>AddStratus()</c> and the <c>stratus config-server</c> role turn the bus on, and on which binder: on when
/// <c>Stratus:Bus:Enabled</c> (else <c>spring.cloud.bus.enabled</c>) is true; the binder is the one configured
/// (<c>Stratus:Messaging:RabbitMQ:Uri</c>, <c>Stratus:Messaging:Kafka:BootstrapServers</c>), or <c>Stratus:Bus:Binder</c>
/// when both are. On without a binder is a configuration error, not a silent no.
/// </summary>
internal static class BusBinderChoice
{
    private const string RabbitKey = "Stratus:Messaging:RabbitMQ:Uri";
    private const string KafkaKey = "Stratus:Messaging:Kafka:BootstrapServers";

    /// <summary>The binder to use, or null when the bus is off. Throws <see cref="OptionsValidationException"/> naming the keys when on but unusable.</summary>
    public static BusBinderKind? From(IConfiguration configuration)
    {
        var enabled = configuration[BusOptions.SectionName + ":Enabled"] ?? configuration["spring:cloud:bus:enabled"] ?? configuration["spring.cloud.bus.enabled"];
        if (enabled is null)
        {
            return null;
        }

        if (!bool.TryParse(enabled.Trim(), out var on))
        {
            throw Problem($"{BusOptions.SectionName}:Enabled must be true or false, was '{enabled}'.");
        }

        if (!on)
        {
            return null;
        }

        var rabbit = !string.IsNullOrWhiteSpace(configuration[RabbitKey]);
        var kafka = !string.IsNullOrWhiteSpace(configuration[KafkaKey]);
        var named = configuration[BusOptions.SectionName + ":Binder"];
        if (named is not null)
        {
            return named.Trim().ToUpperInvariant() switch
            {
                "RABBITMQ" => BusBinderKind.RabbitMq,
                "KAFKA" => BusBinderKind.Kafka,
                _ => throw Problem($"{BusOptions.SectionName}:Binder must be RabbitMQ or Kafka, was '{named}'."),
            };
        }

        return (rabbit, kafka) switch
        {
            (true, false) => BusBinderKind.RabbitMq,
            (false, true) => BusBinderKind.Kafka,
            (true, true) => throw Problem($"The bus is on and both {RabbitKey} and {KafkaKey} are set: choose one with {BusOptions.SectionName}:Binder (RabbitMQ or Kafka)."),
            _ => throw Problem($"The bus is on ({BusOptions.SectionName}:Enabled) but no binder is configured: set {RabbitKey} (RabbitMQ) or {KafkaKey} (Kafka)."),
        };
    }

    private static OptionsValidationException Problem(string message) =>
        new(BusOptions.SectionName, typeof(BusOptions), [message]);
}
