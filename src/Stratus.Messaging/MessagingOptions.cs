namespace Stratus.Messaging;

/// <summary>Messaging settings under <c>Stratus:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section, <c>Stratus:Messaging</c>.</summary>
    public const string SectionName = "Stratus:Messaging";

    /// <summary>The bindings by name (<c>Stratus:Messaging:Bindings:{name}</c>). Empty by default.</summary>
    public Dictionary<string, BindingOptions> Bindings { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal BindingOptions GetBinding(string name) =>
        Bindings.TryGetValue(name, out var binding) ? binding : new BindingOptions();
}
