using Microsoft.Extensions.Options;

namespace Stratus.Messaging;

/// <summary>Checks every binding and names the full key and bad value of each problem.</summary>
internal sealed class MessagingOptionsRules : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var problems = new List<string>();
        if (options.InstanceCount < 1)
        {
            problems.Add($"{MessagingOptions.SectionName}:InstanceCount must be at least 1, was {options.InstanceCount}");
        }

        if (options.InstanceIndex < 0 || options.InstanceIndex >= options.InstanceCount)
        {
            problems.Add($"{MessagingOptions.SectionName}:InstanceIndex must be between 0 and InstanceCount - 1, was {options.InstanceIndex}");
        }

        foreach (var (bindingName, binding) in options.Bindings)
        {
            var key = $"{MessagingOptions.SectionName}:Bindings:{bindingName}";
            if (binding.MaxAttempts < 1)
            {
                problems.Add($"{key}:MaxAttempts must be at least 1, was {binding.MaxAttempts}");
            }

            if (binding.BackOffInitialInterval < TimeSpan.Zero)
            {
                problems.Add($"{key}:BackOffInitialInterval must not be negative, was {binding.BackOffInitialInterval}");
            }

            if (binding.BackOffMaxInterval < binding.BackOffInitialInterval)
            {
                problems.Add($"{key}:BackOffMaxInterval must be at least BackOffInitialInterval, was {binding.BackOffMaxInterval}");
            }

            if (binding.BackOffMultiplier < 1.0 || double.IsNaN(binding.BackOffMultiplier))
            {
                problems.Add($"{key}:BackOffMultiplier must be at least 1.0, was {binding.BackOffMultiplier}");
            }

            if (binding.Prefetch is < 1 or > ushort.MaxValue)
            {
                problems.Add($"{key}:Prefetch must be between 1 and {ushort.MaxValue}, was {binding.Prefetch}");
            }

            if (!binding.ContentType.StartsWith(BindingOptions.DefaultContentType, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{key}:ContentType must be application/json (the only converter so far), was '{binding.ContentType}'");
            }

            if (binding.PartitionCount < 1)
            {
                problems.Add($"{key}:PartitionCount must be at least 1, was {binding.PartitionCount}");
            }
            else if (binding.PartitionCount > 1 && !PartitionKey.TryParse(binding.PartitionKeyExpression, out _, out var expressionProblem))
            {
                problems.Add($"{key}:PartitionKeyExpression {expressionProblem}");
            }

            var instanceCount = binding.InstanceCount ?? options.InstanceCount;
            var instanceIndex = binding.InstanceIndex ?? options.InstanceIndex;
            if (binding.InstanceCount is < 1)
            {
                problems.Add($"{key}:InstanceCount must be at least 1, was {binding.InstanceCount}");
            }
            else if (binding.Partitioned && string.IsNullOrWhiteSpace(binding.Group))
            {
                problems.Add($"{key}:Group is required when Partitioned is true (a partitioned subscription needs a consumer group, as in Spring)");
            }
            else if (binding.Partitioned && (instanceIndex < 0 || instanceIndex >= instanceCount))
            {
                problems.Add($"{key}:InstanceIndex must be between 0 and InstanceCount - 1 ({instanceCount - 1}), was {instanceIndex}");
            }

            if (binding.DeduplicationWindow <= TimeSpan.Zero)
            {
                problems.Add($"{key}:DeduplicationWindow must be positive, was {binding.DeduplicationWindow}");
            }

            if (binding.DeduplicationLease <= TimeSpan.Zero)
            {
                problems.Add($"{key}:DeduplicationLease must be positive, was {binding.DeduplicationLease}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
