namespace Stratus.ConfigServer.Files;

/// <summary>
/// Bounds applied to a YAML file before and while it is parsed, so a hostile file costs bounded time and memory.
/// The defaults follow SnakeYAML's own defaults (3 MiB of input, 50 aliases to collections, 50 levels of nesting).
/// </summary>
/// <param name="MaxBytes">Largest accepted file, checked before parsing.</param>
/// <param name="MaxDepth">Deepest accepted nesting of mappings and sequences (the root collection is level 1).</param>
/// <param name="MaxAliasesForCollections">Most aliases (<c>*name</c>) a document may use that refer to a mapping or sequence.</param>
/// <param name="MaxProperties">Most flattened properties a file may produce; a document whose alias expansion would exceed
/// four times this many nodes fails before it is flattened.</param>
internal sealed record YamlLimits(
    int MaxBytes = 3 * 1024 * 1024,
    int MaxDepth = 50,
    int MaxAliasesForCollections = 50,
    int MaxProperties = 100_000)
{
    /// <summary>The default limits.</summary>
    public static YamlLimits Default { get; } = new();
}
