using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Resolves YAML 1.1 scalars the way SnakeYAML does under Spring Boot (no timestamp resolution): booleans, integers
/// (decimal, <c>0x</c>, <c>0b</c>, leading-zero octal, underscores, base 60), floats, null and the merge key.
/// Anything else is a string. Also constructs explicitly tagged <c>!!int</c>, <c>!!float</c>, <c>!!bool</c> values.
/// </summary>
internal static partial class YamlScalarResolver
{
    /// <summary>What a scalar resolved to.</summary>
    public enum Resolution
    {
        /// <summary>A string, number or boolean.</summary>
        Value,

        /// <summary>YAML null.</summary>
        Null,

        /// <summary>The merge key <c>&lt;&lt;</c>.</summary>
        Merge,
    }

    /// <summary>Resolves a plain, untagged scalar.</summary>
    public static Resolution ResolvePlain(string text, out ConfigScalar value)
    {
        value = ConfigScalar.String(text);
        if (text.Length == 0 || NullPattern().IsMatch(text))
        {
            return Resolution.Null;
        }

        if (BoolPattern().IsMatch(text))
        {
            value = Bool(text)!.Value;
        }
        else if (IntPattern().IsMatch(text))
        {
            value = Int(text)!.Value;
        }
        else if (FloatPattern().IsMatch(text))
        {
            value = Float(text)!.Value;
        }
        else if (text == "<<")
        {
            return Resolution.Merge;
        }

        return Resolution.Value;
    }

    /// <summary>Java's <c>true</c>/<c>false</c> for the YAML 1.1 boolean words; null when <paramref name="text"/> is not one.</summary>
    public static ConfigScalar? Bool(string text) => text.ToUpperInvariant() switch
    {
        "YES" or "TRUE" or "ON" => new ConfigScalar(ScalarKind.Boolean, "true"),
        "NO" or "FALSE" or "OFF" => new ConfigScalar(ScalarKind.Boolean, "false"),
        _ => null,
    };

    /// <summary>An integer's decimal text, or null when <paramref name="text"/> is not a YAML 1.1 integer.</summary>
    public static ConfigScalar? Int(string text)
    {
        if (!IntPattern().IsMatch(text))
        {
            return null;
        }

        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = digits[0] == '-';
        if (digits[0] is '-' or '+')
        {
            digits = digits[1..];
        }

        BigInteger value;
        if (digits == "0")
        {
            value = BigInteger.Zero;
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal))
        {
            value = InBase(digits.AsSpan(2), 2);
        }
        else if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            value = InBase(digits.AsSpan(2), 16);
        }
        else if (digits[0] == '0')
        {
            value = InBase(digits.AsSpan(1), 8);
        }
        else if (digits.Contains(':', StringComparison.Ordinal))
        {
            value = BigInteger.Zero;
            foreach (var part in digits.Split(':'))
            {
                value = (value * 60) + BigInteger.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new ConfigScalar(ScalarKind.Integer, (negative ? -value : value).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A float printed as Java prints a double, or null when <paramref name="text"/> is not a YAML 1.1 float.</summary>
    public static ConfigScalar? Float(string text)
    {
        if (!FloatPattern().IsMatch(text))
        {
            return null;
        }

        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var sign = 1.0;
        if (digits[0] is '-' or '+')
        {
            sign = digits[0] == '-' ? -1.0 : 1.0;
            digits = digits[1..];
        }

        double value;
        if (digits.Equals(".inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
        }
        else if (digits.Equals(".nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
        }
        else if (digits.Contains(':', StringComparison.Ordinal))
        {
            value = 0;
            foreach (var part in digits.Split(':'))
            {
                value = (value * 60) + double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return new ConfigScalar(ScalarKind.Float, JavaDoubleFormat.Format(sign * value));
    }

    private static BigInteger InBase(ReadOnlySpan<char> digits, int radix)
    {
        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            value = (value * radix) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return value;
    }

    [GeneratedRegex(@"\A(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BoolPattern();

    [GeneratedRegex(@"\A(?:[-+]?0b_*[0-1]+[0-1_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"\A(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"\A(?:~|null|Null|NULL| )\z", RegexOptions.CultureInvariant)]
    private static partial Regex NullPattern();
}
