namespace Stratus.ConfigServer.Files;

/// <summary>
/// One composed YAML node: a resolved scalar, a null, a sequence or a mapping (merge keys already applied).
/// Aliases share the anchored node, so the tree is a DAG; <see cref="Size"/> is its size with aliases expanded.
/// </summary>
internal sealed class YamlNode
{
    private YamlNode(int line, int column, long size)
    {
        Line = line;
        Column = column;
        Size = size;
    }

    /// <summary>The resolved value of a non-null scalar.</summary>
    public ConfigScalar? Scalar { get; private init; }

    /// <summary>True for a scalar that resolved to null (<c>~</c>, <c>null</c>, empty, <c>!!null</c>).</summary>
    public bool IsNull { get; private init; }

    /// <summary>True for the merge key <c>&lt;&lt;</c>.</summary>
    public bool IsMergeKey { get; private init; }

    /// <summary>The items of a sequence.</summary>
    public IReadOnlyList<YamlNode>? Items { get; private init; }

    /// <summary>The entries of a mapping: key identity (for duplicates and merges), flattened key text, value.</summary>
    public IReadOnlyList<(string Identity, string Key, YamlNode Value)>? Entries { get; private init; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Number of nodes once every alias is expanded, saturating at <see cref="long.MaxValue"/> / 4.</summary>
    public long Size { get; }

    public bool IsCollection => Items is not null || Entries is not null;

    public static YamlNode ForScalar(ConfigScalar value, int line, int column) => new(line, column, 1) { Scalar = value };

    public static YamlNode ForNull(int line, int column) => new(line, column, 1) { IsNull = true };

    public static YamlNode ForMergeKey(int line, int column) => new(line, column, 1) { IsMergeKey = true };

    public static YamlNode ForSequence(IReadOnlyList<YamlNode> items, int line, int column) =>
        new(line, column, SizeOf(items.Select(i => i.Size))) { Items = items };

    public static YamlNode ForMapping(IReadOnlyList<(string Identity, string Key, YamlNode Value)> entries, int line, int column) =>
        new(line, column, SizeOf(entries.Select(e => e.Value.Size))) { Entries = entries };

    private static long SizeOf(IEnumerable<long> children)
    {
        const long cap = long.MaxValue / 4;
        long size = 1;
        foreach (var child in children)
        {
            size = Math.Min(cap, size + child);
        }

        return size;
    }
}
