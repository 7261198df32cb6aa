using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Builds <see cref="YamlNode"/> trees from YamlDotNet parser events, never instantiating types: resolves scalars,
/// accepts only the standard tags, rejects duplicate keys, applies merge keys, and enforces <see cref="YamlLimits"/>
/// (nesting depth, aliases to collections, expanded size). Problems are thrown as <see cref="FormatException"/>.
/// </summary>
internal sealed class YamlComposer(IParser parser, YamlLimits limits)
{
    private const string Standard = "tag:yaml.org,2002:";

    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private int _collectionAliases;

    /// <summary>Reads the next document's root node; false at the end of the stream.</summary>
    public bool TryReadDocument(out YamlNode? root)
    {
        parser.TryConsume<StreamStart>(out _);
        root = null;
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return false;
        }

        parser.Consume<DocumentStart>();
        _anchors.Clear();
        _openAnchors.Clear();
        root = ReadNode(0);
        parser.Consume<DocumentEnd>();
        return true;
    }

    private YamlNode ReadNode(int depth)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return ResolveAlias(alias);
        }

        var node = parser.Current as NodeEvent ?? throw new FormatException("unexpected YAML content" + At(parser.Current!.Start));
        parser.MoveNext();
        var (line, column) = Position(node.Start);
        var result = node switch
        {
            Scalar scalar => ReadScalar(scalar, line, column),
            SequenceStart => ReadSequence(node, depth + 1, line, column),
            MappingStart => ReadMapping(node, depth + 1, line, column),
            _ => throw new FormatException("unexpected YAML content" + At(node.Start)),
        };

        if (result.Size > 4L * limits.MaxProperties)
        {
            throw new FormatException("document expands to more than " + (4L * limits.MaxProperties).ToString(CultureInfo.InvariantCulture)
                + " nodes through aliases" + At(node.Start));
        }

        if (!node.Anchor.IsEmpty)
        {
            _anchors[node.Anchor.Value] = result;
            _openAnchors.Remove(node.Anchor.Value);
        }

        return result;
    }

    private YamlNode ResolveAlias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_openAnchors.Contains(name))
        {
            throw new FormatException("recursive alias '*" + Shorten(name) + "'" + At(alias.Start));
        }

        if (!_anchors.TryGetValue(name, out var target))
        {
            throw new FormatException("undefined alias '*" + Shorten(name) + "'" + At(alias.Start));
        }

        if (target.IsCollection && ++_collectionAliases > limits.MaxAliasesForCollections)
        {
            throw new FormatException("more than " + limits.MaxAliasesForCollections.ToString(CultureInfo.InvariantCulture)
                + " aliases to collections" + At(alias.Start));
        }

        return target;
    }

    private static YamlNode ReadScalar(Scalar scalar, int line, int column)
    {
        var tag = scalar.Tag;
        if (tag.IsEmpty)
        {
            if (scalar.Style != ScalarStyle.Plain)
            {
                return YamlNode.ForScalar(ConfigScalar.String(scalar.Value), line, column);
            }

            return YamlScalarResolver.ResolvePlain(scalar.Value, out var resolved) switch
            {
                YamlScalarResolver.Resolution.Null => YamlNode.ForNull(line, column),
                YamlScalarResolver.Resolution.Merge => YamlNode.ForMergeKey(line, column),
                _ => YamlNode.ForScalar(resolved, line, column),
            };
        }

        var text = scalar.Value;
        ConfigScalar? value = tag.Value switch
        {
            "!" or Standard + "str" => ConfigScalar.String(text),
            Standard + "int" => YamlScalarResolver.Int(text),
            Standard + "float" => YamlScalarResolver.Float(text) ?? ToFloat(YamlScalarResolver.Int(text)),
            Standard + "bool" => YamlScalarResolver.Bool(text),
            Standard + "null" => null,
            Standard + "merge" => null,
            _ => throw UnsupportedTag(tag, scalar.Start),
        };

        return tag.Value switch
        {
            Standard + "null" => YamlNode.ForNull(line, column),
            Standard + "merge" => YamlNode.ForMergeKey(line, column),
            _ => YamlNode.ForScalar(
                value ?? throw new FormatException("invalid " + ShortTag(tag.Value) + " value" + At(scalar.Start)), line, column),
        };
    }

    private static ConfigScalar? ToFloat(ConfigScalar? integer) =>
        integer is { } i ? new ConfigScalar(ScalarKind.Float, JavaDoubleFormat.Format(double.Parse(i.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))) : null;

    private YamlNode ReadSequence(NodeEvent start, int depth, int line, int column)
    {
        CheckDepth(depth, start.Start);
        var isOmap = !start.Tag.IsEmpty && !start.Tag.IsNonSpecific && start.Tag.Value == Standard + "omap";
        if (!start.Tag.IsEmpty && !start.Tag.IsNonSpecific && start.Tag.Value is not ("!" or Standard + "seq") && !isOmap)
        {
            throw UnsupportedTag(start.Tag, start.Start);
        }

        Open(start);
        var items = new List<YamlNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(depth));
        }

        if (!isOmap)
        {
            return YamlNode.ForSequence(items, line, column);
        }

        var entries = new List<(string, string, YamlNode)>();
        foreach (var item in items)
        {
            if (item.Entries is not { Count: 1 } pair)
            {
                throw new FormatException("!!omap expects single-entry mappings" + At(item.Line, item.Column));
            }

            entries.Add(pair[0]);
        }

        return YamlNode.ForMapping(entries, line, column);
    }

    private YamlNode ReadMapping(NodeEvent start, int depth, int line, int column)
    {
        CheckDepth(depth, start.Start);
        if (!start.Tag.IsEmpty && !start.Tag.IsNonSpecific && start.Tag.Value is not ("!" or Standard + "map"))
        {
            throw UnsupportedTag(start.Tag, start.Start);
        }

        Open(start);
        var own = new List<(string Identity, string Key, YamlNode Value, bool Merge)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(depth);
            var value = ReadNode(depth);
            if (key.IsMergeKey)
            {
                own.Add((string.Empty, string.Empty, value, true));
                continue;
            }

            if (key.IsCollection || key.Scalar is not { } scalar)
            {
                throw new FormatException((key.IsCollection ? "unsupported complex key" : "null key") + At(key.Line, key.Column));
            }

            var identity = scalar.Kind.ToString() + ":" + scalar.Text;
            if (!seen.Add(identity))
            {
                throw new FormatException("duplicate key '" + Shorten(scalar.Text) + "'" + At(key.Line, key.Column));
            }

            own.Add((identity, scalar.Kind == ScalarKind.String ? scalar.Text : "[" + scalar.Text + "]", value, false));
        }

        return YamlNode.ForMapping(ApplyMerges(own), line, column);
    }

    // SnakeYAML's merge: own keys win; merged mappings only add keys not present yet, earlier ones first.
    private static List<(string Identity, string Key, YamlNode Value)> ApplyMerges(
        List<(string Identity, string Key, YamlNode Value, bool Merge)> own)
    {
        var result = new List<(string Identity, string Key, YamlNode Value)>(own.Count);
        if (!own.Exists(e => e.Merge))
        {
            result.AddRange(own.Select(e => (e.Identity, e.Key, e.Value)));
            return result;
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in own)
        {
            if (!entry.Merge)
            {
                Put(entry.Identity, entry.Key, entry.Value, preferred: true);
                continue;
            }

            var sources = entry.Value.Entries is not null ? [entry.Value] : entry.Value.Items
                ?? throw new FormatException("expected a mapping or list of mappings for merging" + At(entry.Value.Line, entry.Value.Column));
            foreach (var source in sources)
            {
                var merged = source.Entries
                    ?? throw new FormatException("expected a mapping for merging" + At(source.Line, source.Column));
                foreach (var (identity, key, value) in merged)
                {
                    Put(identity, key, value, preferred: false);
                }
            }
        }

        return result;

        void Put(string identity, string key, YamlNode value, bool preferred)
        {
            if (positions.TryGetValue(identity, out var at))
            {
                if (preferred)
                {
                    result[at] = (identity, key, value);
                }
            }
            else
            {
                positions.Add(identity, result.Count);
                result.Add((identity, key, value));
            }
        }
    }

    private void Open(NodeEvent start)
    {
        if (!start.Anchor.IsEmpty)
        {
            _openAnchors.Add(start.Anchor.Value);
        }
    }

    private void CheckDepth(int depth, Mark start)
    {
        if (depth > limits.MaxDepth)
        {
            throw new FormatException("nesting deeper than " + limits.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels" + At(start));
        }
    }

    private static FormatException UnsupportedTag(TagName tag, Mark start) =>
        new("unsupported tag '" + ShortTag(tag.Value) + "'" + At(start));

    private static string ShortTag(string tag) =>
        Shorten(tag.StartsWith(Standard, StringComparison.Ordinal) ? "!!" + tag[Standard.Length..] : tag);

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    internal static (int Line, int Column) Position(Mark mark) => ((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    private static string At(Mark mark) => At(Position(mark).Line, Position(mark).Column);

    private static string At(int line, int column) =>
        " at line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture);
}
