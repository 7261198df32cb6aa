using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Reads a YAML file the way Spring Boot's <c>YamlPropertySourceLoader</c> does (SnakeYAML, YAML 1.1, no timestamps):
/// one <see cref="ConfigDocument"/> per non-empty document, flattened like Spring's
/// <c>YamlProcessor.buildFlattenedMap</c> (<c>a.b</c>, <c>list[0].name</c>, non-string keys as <c>[1]</c>).
/// Only YamlDotNet's event parser is used; no type is ever instantiated from the file.
/// </summary>
/// <remarks>
/// A document whose root is not a mapping is flattened under the key <c>document</c>, as Spring does.
/// Null and complex (collection) mapping keys are rejected (Spring fails on null keys too).
/// </remarks>
internal static class YamlFileParser
{
    public static ConfigFile Parse(ReadOnlySpan<byte> utf8, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (utf8.Length > limits.MaxBytes)
        {
            return ConfigFile.Failed("YAML file is " + utf8.Length.ToString(CultureInfo.InvariantCulture)
                + " bytes, more than the limit of " + limits.MaxBytes.ToString(CultureInfo.InvariantCulture));
        }

        var text = Utf8Text.TryDecode(utf8, out var decodeError);
        if (text is null)
        {
            return ConfigFile.Failed(decodeError!);
        }

        try
        {
            return new ConfigFile(ReadDocuments(text, limits), null);
        }
        catch (FormatException e)
        {
            return ConfigFile.Failed(e.Message);
        }
        catch (YamlException e)
        {
            var (line, column) = YamlComposer.Position(e.Start);
            return ConfigFile.Failed("YAML syntax error at line " + line.ToString(CultureInfo.InvariantCulture)
                + ", column " + column.ToString(CultureInfo.InvariantCulture) + ": " + Describe(e));
        }
    }

    private static ImmutableArray<ConfigDocument> ReadDocuments(string text, YamlLimits limits)
    {
        using var reader = new StringReader(text);
        var parser = new Parser(reader);
        var composer = new YamlComposer(parser, limits);
        try
        {
            return ReadDocuments(composer, limits);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
            var (line, column) = parser.Current is { } last ? YamlComposer.Position(last.End) : (1, 1);
            throw new FormatException("YAML syntax error after line " + line.ToString(CultureInfo.InvariantCulture)
                + ", column " + column.ToString(CultureInfo.InvariantCulture) + ": malformed YAML (the parser stopped in an invalid state)");
        }
    }

    private static ImmutableArray<ConfigDocument> ReadDocuments(YamlComposer composer, YamlLimits limits)
    {
        var documents = ImmutableArray.CreateBuilder<ConfigDocument>();
        var total = 0;
        while (composer.TryReadDocument(out var root))
        {
            if (root is null || root.IsNull)
            {
                continue;
            }

            var document = new DocumentBuilder();
            var budget = limits.MaxProperties - total;
            if (root.Entries is not null)
            {
                FlattenEntries(root, string.Empty, document, budget);
            }
            else
            {
                Flatten(root, "document", document, budget);
            }

            total += document.Count;
            if (document.Count > 0)
            {
                documents.Add(document.Build());
            }
        }

        return documents.ToImmutable();
    }

    private static void Flatten(YamlNode node, string path, DocumentBuilder document, int budget)
    {
        if (node.Entries is not null)
        {
            FlattenEntries(node, path, document, budget);
            return;
        }

        if (node.Items is { } items)
        {
            if (items.Count == 0)
            {
                Emit(document, path, ConfigScalar.String(string.Empty), node, budget);
            }

            for (var i = 0; i < items.Count; i++)
            {
                Flatten(items[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", document, budget);
            }

            return;
        }

        // Spring turns null into "" (and a merge key used as a value is the string "<<").
        Emit(document, path, node.Scalar ?? ConfigScalar.String(node.IsMergeKey ? "<<" : string.Empty), node, budget);
    }

    private static void FlattenEntries(YamlNode mapping, string path, DocumentBuilder document, int budget)
    {
        foreach (var (_, key, value) in mapping.Entries!)
        {
            var full = string.IsNullOrWhiteSpace(path) ? key
                : key.StartsWith('[') ? path + key
                : path + "." + key;
            Flatten(value, full, document, budget);
        }
    }

    private static void Emit(DocumentBuilder document, string key, ConfigScalar value, YamlNode node, int budget)
    {
        document.Add(key, value, node.Line, node.Column);
        if (document.Count > budget)
        {
            throw new FormatException("YAML file has more than " + budget.ToString(CultureInfo.InvariantCulture) + " properties");
        }
    }

    // YamlDotNet messages start with "(Line: .., Col: .., Idx: ..) - (..): "; keep the explanation, bounded.
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0)
        {
            message = message[(cut + 3)..];
        }

        return YamlComposer.Shorten(message);
    }
}
