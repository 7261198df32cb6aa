namespace Stratus.ConfigServer;

/// <summary>One backend of a composite: its type and that type's settings.</summary>
public sealed class CompositeRepositoryOptions
{
    /// <summary><c>git</c> or <c>native</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Settings when <see cref="Type"/> is <c>git</c>.</summary>
    public GitRepositoryOptions Git { get; set; } = new();

    /// <summary>Settings when <see cref="Type"/> is <c>native</c>.</summary>
    public NativeRepositoryOptions Native { get; set; } = new();
}
