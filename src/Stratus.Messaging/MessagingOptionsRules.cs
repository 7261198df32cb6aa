using Microsoft.Extensions.Options;

namespace Stratus.Messaging;

/// <summary>Checks every binding and names the full key and bad value of each problem.</summary>
internal sealed class MessagingOptionsRules : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var problems = new List<string>();
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
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
