namespace Stratus.Messaging.Tests;

public sealed class MessagingOptionsRulesTests
{
    [Fact]
    public void Defaults_are_springs_and_valid()
    {
        var options = new MessagingOptions();
        options.Bindings["orders"] = new BindingOptions();
        var binding = options.Bindings["orders"];

        Assert.True(new MessagingOptionsRules().Validate(null, options).Succeeded);
        Assert.Equal(("application/json", 3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(10), 1),
            (binding.ContentType, binding.MaxAttempts, binding.BackOffInitialInterval, binding.BackOffMultiplier, binding.BackOffMaxInterval, binding.Prefetch));
    }

    [Theory]
    [InlineData("MaxAttempts", "Stratus:Messaging:Bindings:orders:MaxAttempts must be at least 1, was 0")]
    [InlineData("Prefetch", "Stratus:Messaging:Bindings:orders:Prefetch must be between 1 and 65535, was 0")]
    [InlineData("BackOffMultiplier", "Stratus:Messaging:Bindings:orders:BackOffMultiplier must be at least 1.0, was 0.5")]
    [InlineData("BackOffMaxInterval", "Stratus:Messaging:Bindings:orders:BackOffMaxInterval must be at least BackOffInitialInterval, was 00:00:00")]
    [InlineData("PartitionCount", "Stratus:Messaging:Bindings:orders:PartitionCount must be at least 1, was 0")]
    [InlineData("PartitionKeyExpression", "Stratus:Messaging:Bindings:orders:PartitionKeyExpression must be payload, payload.<property> or headers['<name>'], was 'T(Runtime)'")]
    [InlineData("MissingKey", "Stratus:Messaging:Bindings:orders:PartitionKeyExpression is required when PartitionCount is above 1 (payload, payload.<property> or headers['<name>'])")]
    [InlineData("InstanceIndex", "Stratus:Messaging:Bindings:orders:InstanceIndex must be between 0 and InstanceCount - 1 (1), was 2")]
    [InlineData("PartitionedGroup", "Stratus:Messaging:Bindings:orders:Group is required when Partitioned is true (a partitioned subscription needs a consumer group, as in Spring)")]
    [InlineData("DeduplicationWindow", "Stratus:Messaging:Bindings:orders:DeduplicationWindow must be positive, was 00:00:00")]
    [InlineData("ContentType", "Stratus:Messaging:Bindings:orders:ContentType must be application/json (the only converter so far), was 'text/plain'")]
    public void Bad_binding_values_are_reported_with_full_key(string property, string expected)
    {
        var binding = new BindingOptions();
        switch (property)
        {
            case "MaxAttempts": binding.MaxAttempts = 0; break;
            case "Prefetch": binding.Prefetch = 0; break;
            case "BackOffMultiplier": binding.BackOffMultiplier = 0.5; break;
            case "BackOffMaxInterval": binding.BackOffMaxInterval = TimeSpan.Zero; break;
            case "PartitionCount": binding.PartitionCount = 0; break;
            case "PartitionKeyExpression": binding.PartitionCount = 2; binding.PartitionKeyExpression = "T(Runtime)"; break;
            case "MissingKey": binding.PartitionCount = 2; break;
            case "InstanceIndex": binding.Partitioned = true; binding.Group = "billing"; binding.InstanceCount = 2; binding.InstanceIndex = 2; break;
            case "PartitionedGroup": binding.Partitioned = true; break;
            case "DeduplicationWindow": binding.DeduplicationWindow = TimeSpan.Zero; break;
            default: binding.ContentType = "text/plain"; break;
        }

        var options = new MessagingOptions();
        options.Bindings["orders"] = binding;

        var result = new MessagingOptionsRules().Validate(null, options);

        Assert.Equal([expected], result.Failures);
    }
}
