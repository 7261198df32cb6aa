namespace Stratus.Gateway.Definitions;

/// <summary>
/// A predicate or filter as configured: its name and its arguments in order. The shorthand <c>Path=/a/**,/b/**</c> gives
/// positional arguments (<c>_genkey_0</c>, <c>_genkey_1</c>, as Spring names them); the expanded form gives named ones.
/// </summary>
internal sealed record PluginDefinition(string Name, IReadOnlyList<KeyValuePair<string, string>> Args)
{
    public const string PositionalPrefix = "_genkey_";

    public bool IsShortcut => Args.Count > 0 && Args.All(a => a.Key.StartsWith(PositionalPrefix, StringComparison.Ordinal));

    /// <summary>Parses <c>Name=arg1,arg2</c>; a bare <c>Name</c> has no arguments.</summary>
    public static PluginDefinition ParseShortcut(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return new PluginDefinition(text.Trim(), []);
        }

        var args = text[(equals + 1)..].Split(',')
            .Select((value, i) => new KeyValuePair<string, string>(PositionalPrefix + i, value.Trim()))
            .ToArray();
        return new PluginDefinition(text[..equals].Trim(), args);
    }

    public override string ToString() =>
        Args.Count == 0 ? Name : $"{Name}={string.Join(',', Args.Select(a => a.Value))}";
}
