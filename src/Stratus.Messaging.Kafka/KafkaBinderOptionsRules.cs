using Microsoft.Extensions.Options;

namespace Stratus.Messaging.Kafka;

/// <summary>Checks <see cref="KafkaBinderOptions"/>, collecting every problem with its full key and bad value.</summary>
internal sealed class KafkaBinderOptionsRules : IValidateOptions<KafkaBinderOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaBinderOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{KafkaBinderOptions.SectionName}:BootstrapServers is required.");
        }

        if (options.Partitions < 1)
        {
            errors.Add($"{KafkaBinderOptions.SectionName}:Partitions must be at least 1, not {options.Partitions}.");
        }

        if (options.ReplicationFactor is 0 or < -1)
        {
            errors.Add($"{KafkaBinderOptions.SectionName}:ReplicationFactor must be -1 (the broker's default) or at least 1, not {options.ReplicationFactor}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
