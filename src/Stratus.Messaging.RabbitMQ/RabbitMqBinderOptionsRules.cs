using Microsoft.Extensions.Options;

namespace Stratus.Messaging.RabbitMQ;

/// <summary>
/// Checks <see cref="RabbitMqBinderOptions"/>, collecting every problem with its full key and bad value. Reads the
/// bindings' groups from <see cref="MessagingOptions"/>, because a quorum queue is possible only for a group's queue.
/// </summary>
internal sealed class RabbitMqBinderOptionsRules(IOptions<MessagingOptions> messaging) : IValidateOptions<RabbitMqBinderOptions>
{
    private const string Section = RabbitMqBinderOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RabbitMqBinderOptions options)
    {
        var problems = new List<string>();
        if (options.Uri is not { IsAbsoluteUri: true, Scheme: "amqp" or "amqps" } || string.IsNullOrEmpty(options.Uri.Host))
        {
            problems.Add($"{Section}:Uri must be an absolute amqp:// or amqps:// URI with a host, was '{Binder.RabbitMqTopology.Describe(options.Uri)}'");
        }

        if (options.ConnectionRetryMaxAttempts < 1)
        {
            problems.Add($"{Section}:ConnectionRetryMaxAttempts must be at least 1, was {options.ConnectionRetryMaxAttempts}");
        }

        if (options.ConnectionRetryInitialInterval < TimeSpan.Zero)
        {
            problems.Add($"{Section}:ConnectionRetryInitialInterval must not be negative, was {options.ConnectionRetryInitialInterval}");
        }

        if (options.ConnectionRetryMaxInterval < options.ConnectionRetryInitialInterval)
        {
            problems.Add($"{Section}:ConnectionRetryMaxInterval must be at least ConnectionRetryInitialInterval, was {options.ConnectionRetryMaxInterval}");
        }

        if (options.ConnectionRetryMultiplier < 1.0 || double.IsNaN(options.ConnectionRetryMultiplier))
        {
            problems.Add($"{Section}:ConnectionRetryMultiplier must be at least 1.0, was {options.ConnectionRetryMultiplier}");
        }

        if (options.RecoveryInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:RecoveryInterval must be positive, was {options.RecoveryInterval}");
        }

        foreach (var (bindingName, binding) in options.Bindings)
        {
            var key = $"{Section}:Bindings:{bindingName}";
            var hasGroup = messaging.Value.Bindings.TryGetValue(bindingName, out var core) && !string.IsNullOrWhiteSpace(core.Group);
            CheckQueueType(problems, $"{key}:QueueType", binding.QueueType, bindingName, hasGroup,
                "an anonymous consumer's queue is exclusive and auto-deleted, which a quorum queue cannot be");
            CheckQueueType(problems, $"{key}:DeadLetterQueueType", binding.DeadLetterQueueType, bindingName, hasGroup,
                "anonymous consumers have no dead-letter queue");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckQueueType(List<string> problems, string key, string? value, string bindingName, bool hasGroup, string whyGroup)
    {
        if (string.Equals(value, RabbitMqBindingOptions.Classic, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(value, RabbitMqBindingOptions.Quorum, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key} must be classic or quorum, was '{value}'");
        }
        else if (!hasGroup)
        {
            problems.Add($"{key} is quorum, which needs {MessagingOptions.SectionName}:Bindings:{bindingName}:Group: {whyGroup}");
        }
    }
}
