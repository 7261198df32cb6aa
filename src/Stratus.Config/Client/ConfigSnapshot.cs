using System.Collections.Frozen;

namespace Stratus.Config.Client;

/// <summary>One whole remote configuration as the provider serves it; replaced as a unit, never edited.</summary>
internal sealed record ConfigSnapshot(
    FrozenDictionary<string, string?> Data,
    string? Version,
    string? ETag,
    DateTimeOffset FetchedAt)
{
    public static readonly ConfigSnapshot Empty = new(new Dictionary<string, string?>().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), null, null, DateTimeOffset.MinValue);

    /// <summary>Same keys and values, whatever the version: nothing for listeners to hear about.</summary>
    public bool SameData(ConfigSnapshot other) =>
        Data.Count == other.Data.Count
        && Data.All(pair => other.Data.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
}
