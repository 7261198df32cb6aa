using System.Collections.Frozen;

namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>Branches and tags of a repository at one fetch, mapped to commit ids. Immutable; a fetch that changes a ref swaps in a new one.</summary>
internal sealed class RefSnapshot(FrozenDictionary<string, string> branches, FrozenDictionary<string, string> tags, DateTimeOffset fetchedAt)
{
    public static readonly RefSnapshot Empty = new(FrozenDictionary<string, string>.Empty, FrozenDictionary<string, string>.Empty, DateTimeOffset.MinValue);

    public FrozenDictionary<string, string> Branches { get; } = branches;

    public FrozenDictionary<string, string> Tags { get; } = tags;

    public DateTimeOffset FetchedAt { get; } = fetchedAt;

    public bool SameRefsAs(RefSnapshot other) => Same(Branches, other.Branches) && Same(Tags, other.Tags);

    private static bool Same(FrozenDictionary<string, string> a, FrozenDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, sha) in a)
        {
            if (!b.TryGetValue(name, out var other) || !string.Equals(sha, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
