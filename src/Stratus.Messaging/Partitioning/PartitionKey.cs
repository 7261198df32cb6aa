using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Stratus.Messaging;

/// <summary>
/// A parsed <see cref="BindingOptions.PartitionKeyExpression"/> and Spring Cloud Stream's default partition selection,
/// bit for bit: the key's Java <c>hashCode</c>, <c>Integer.MIN_VALUE</c> taken as 0, made absolute, then
/// <c>Math.abs(hash % partitionCount)</c> (<c>PartitionHandler</c> and its <c>DefaultPartitionSelector</c>).
/// </summary>
internal sealed class PartitionKey
{
    private readonly string? _header;
    private readonly string[] _path;

    private PartitionKey(string? header, string[] path)
    {
        _header = header;
        _path = path;
    }

    /// <summary>Parses <c>payload</c>, <c>payload.a.b</c>, <c>headers['name']</c>, <c>headers["name"]</c> or <c>headers.name</c>.</summary>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out PartitionKey? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        var text = expression?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "is required when PartitionCount is above 1 (payload, payload.<property> or headers['<name>'])";
            return false;
        }

        if (text == "payload")
        {
            key = new PartitionKey(null, []);
        }
        else if (text.StartsWith("payload.", StringComparison.Ordinal))
        {
            var path = text["payload.".Length..].Split('.');
            if (path.Any(segment => segment.Length == 0 || !segment.All(IsNameChar)))
            {
                problem = $"has an invalid property path, was '{text}'";
                return false;
            }

            key = new PartitionKey(null, path);
        }
        else if (text.StartsWith("headers[", StringComparison.Ordinal) && text.EndsWith(']') && text.Length > "headers['']".Length
            && text[8] is '\'' or '"' && text[^2] == text[8])
        {
            key = new PartitionKey(text[9..^2], []);
        }
        else if (text.StartsWith("headers.", StringComparison.Ordinal) && text.Length > 8 && text[8..].All(IsNameChar))
        {
            key = new PartitionKey(text[8..], []);
        }
        else
        {
            problem = $"must be payload, payload.<property> or headers['<name>'], was '{text}'";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>Evaluates the key against a message: a string, an <see cref="int"/>, a <see cref="long"/> or a <see cref="bool"/>.</summary>
    /// <exception cref="InvalidOperationException">The key is missing or not a scalar.</exception>
    public object Evaluate(ReadOnlySpan<byte> payloadJson, IReadOnlyDictionary<string, object?> headers)
    {
        if (_header is not null)
        {
            return headers.TryGetValue(_header, out var value) && value is string or int or long or bool
                ? value!
                : throw new InvalidOperationException($"The partition key header '{_header}' is missing or not a string, number or boolean.");
        }

        using var document = JsonDocument.Parse(payloadJson.ToArray());
        var element = document.RootElement;
        foreach (var segment in _path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                throw new InvalidOperationException($"The payload has no property '{string.Join('.', _path)}' for the partition key.");
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number when element.TryGetInt32(out var i) => i,
            JsonValueKind.Number when element.TryGetInt64(out var l) => l,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidOperationException($"The partition key '{(_path.Length == 0 ? "payload" : "payload." + string.Join('.', _path))}' must be a string, an integer or a boolean, was {element.ValueKind}."),
        };
    }

    /// <summary>The partition Spring's default selector picks for <paramref name="key"/>.</summary>
    public static int SelectPartition(object key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = JavaHashCode(key);
        var selected = hash == int.MinValue ? 0 : Math.Abs(hash);
        return Math.Abs(selected % partitionCount);
    }

    /// <summary>Java's <c>hashCode</c> of <c>String</c>, <c>Integer</c>, <c>Long</c> and <c>Boolean</c>.</summary>
    public static int JavaHashCode(object key) => key switch
    {
        string text => StringHashCode(text),
        int value => value,
        long value => unchecked((int)(value ^ (long)((ulong)value >> 32))),
        bool value => value ? 1231 : 1237,
        _ => throw new InvalidOperationException($"A partition key must be a string, an integer or a boolean, was {key.GetType().Name}."),
    };

    /// <summary>The key as record-key text: strings as they are, numbers in invariant digits, booleans as Java prints them.</summary>
    public static string ToText(object key) => key switch
    {
        string text => text,
        bool value => value ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? string.Empty,
    };

    private static int StringHashCode(string text)
    {
        // s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units with int overflow, as java.lang.String does.
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-';
}
