using Microsoft.Extensions.Options;

namespace Stratus.Messaging.Kafka;

/// <summary>Checks <see cref="KafkaBinderOptions"/>, collecting every problem with its full key and bad value.</summary>
internal sealed class KafkaBinderOptionsRules(IOptionsMonitor<MessagingOptions> messaging) : IValidateOptions<KafkaBinderOptions>
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

        if (options.HealthTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{KafkaBinderOptions.SectionName}:HealthTimeout must be positive, not {options.HealthTimeout}.");
        }

        foreach (var (bindingName, binding) in options.Bindings)
        {
            var key = $"{KafkaBinderOptions.SectionName}:Bindings:{bindingName}";
            if (binding.DlqPartitions is < 1)
            {
                errors.Add($"{key}:DlqPartitions must be at least 1 when set, not {binding.DlqPartitions}.");
            }

            if (!binding.AutoRebalanceEnabled)
            {
                CheckManualAssignment(key, bindingName, errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Spring assigns p % instanceCount == instanceIndex to a named group's consumer when auto-rebalance is off.
    private void CheckManualAssignment(string key, string bindingName, List<string> errors)
    {
        var all = messaging.CurrentValue;
        var core = all.Bindings.TryGetValue(bindingName, out var found) ? found : null;
        var coreKey = $"{MessagingOptions.SectionName}:Bindings:{bindingName}";
        if (string.IsNullOrWhiteSpace(core?.Group))
        {
            errors.Add($"{key}:AutoRebalanceEnabled=false needs {coreKey}:Group: anonymous consumers always use group management.");
            return;
        }

        var count = core.InstanceCount ?? all.InstanceCount;
        var index = core.InstanceIndex ?? all.InstanceIndex;
        if (count < 1 || index < 0 || index >= count)
        {
            errors.Add($"{key}:AutoRebalanceEnabled=false needs {coreKey}:InstanceIndex between 0 and InstanceCount - 1, was {index} of {count}.");
        }
    }
}
