namespace Stratus.Messaging;

/// <summary>Messaging settings under <c>Stratus:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section, <c>Stratus:Messaging</c>.</summary>
    public const string SectionName = "Stratus:Messaging";

    /// <summary>The bindings by name (<c>Stratus:Messaging:Bindings:{name}</c>). Empty by default.</summary>
    public Dictionary<string, BindingOptions> Bindings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>This instance's index among <see cref="InstanceCount"/> for partitioned consumers (Spring's <c>spring.cloud.stream.instanceIndex</c>). Default 0.</summary>
    public int InstanceIndex { get; set; }

    /// <summary>Instances sharing partitioned destinations (Spring's <c>spring.cloud.stream.instanceCount</c>). Default 1.</summary>
    public int InstanceCount { get; set; } = 1;

    internal BindingOptions GetBinding(string name) =>
        Bindings.TryGetValue(name, out var binding) ? binding : new BindingOptions();
}
