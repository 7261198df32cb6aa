using System.Globalization;

namespace Stratus.Gateway.Definitions;

/// <summary>
/// The arguments of one predicate or filter by field name, whether they came positional (shorthand) or named
/// (expanded, where a list may be given as several values). Reading a missing or malformed argument throws
/// <see cref="FormatException"/> with a message naming the field; the route compiler adds the route and plugin.
/// </summary>
internal sealed class PluginArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public PluginArgs(PluginDefinition definition, ShortcutType type, params string[] fields)
    {
        Name = definition.Name;
        if (definition.IsShortcut)
        {
            var values = definition.Args.Select(a => a.Value).ToList();
            switch (type)
            {
                case ShortcutType.GatherList:
                    _values[fields[0]] = values;
                    break;
                case ShortcutType.GatherListTailFlag:
                    if (fields.Length > 1 && values.Count > 1 && bool.TryParse(values[^1], out _))
                    {
                        _values[fields[1]] = [values[^1]];
                        values.RemoveAt(values.Count - 1);
                    }

                    _values[fields[0]] = values;
                    break;
                default:
                    if (values.Count > fields.Length && fields.Length > 0)
                    {
                        // The last field takes the rest, commas included (a regular expression or a header value may hold commas).
                        values[fields.Length - 1] = string.Join(',', values.Skip(fields.Length - 1));
                        values.RemoveRange(fields.Length, values.Count - fields.Length);
                    }

                    for (var i = 0; i < values.Count && i < fields.Length; i++)
                    {
                        _values[fields[i]] = [values[i]];
                    }

                    break;
            }
        }
        else
        {
            foreach (var (key, value) in definition.Args)
            {
                var field = fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) ?? key;
                if (!_values.TryGetValue(field, out var list))
                {
                    _values[field] = list = [];
                }

                list.Add(value);
            }
        }

        var unknown = _values.Keys.Where(k => !fields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"unknown argument{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected {(fields.Length == 0 ? "none" : string.Join(", ", fields))}");
        }
    }

    public string Name { get; }

    public bool Has(string field) => _values.ContainsKey(field);

    public string Required(string field) =>
        Optional(field) is { Length: > 0 } value ? value : throw new FormatException($"argument '{field}' is required");

    public string? Optional(string field) => _values.TryGetValue(field, out var list) && list.Count > 0 ? list[0] : null;

    /// <summary>A list field; a single value with commas is split (Spring's expanded form allows both).</summary>
    public IReadOnlyList<string> List(string field, bool required = true)
    {
        var values = _values.TryGetValue(field, out var list)
            ? list.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList()
            : [];
        return values.Count == 0 && required ? throw new FormatException($"argument '{field}' needs at least one value") : values;
    }

    public int Int(string field, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = fallback is null ? Required(field) : Optional(field);
        if (text is null)
        {
            return fallback!.Value;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"argument '{field}' = '{text}' is not an integer in {min}-{max}");
        }

        return value;
    }

    public bool Bool(string field, bool fallback)
    {
        var text = Optional(field);
        if (text is null)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new FormatException($"argument '{field}' = '{text}' is not true or false");
    }
}
