using System.Globalization;
using System.Text;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Prints a double as Java's <c>Double.toString</c> does: plain notation with at least one fractional digit for
/// magnitudes in [10^-3, 10^7), otherwise <c>d.dddE±n</c>; <c>NaN</c>, <c>Infinity</c>, <c>-0.0</c>.
/// </summary>
/// <remarks>
/// The digits are .NET's shortest round-trip digits, the same as Java 19 and later. Older JDKs sometimes printed
/// one or two extra digits (e.g. <c>2.0E-3</c> cases); those are not reproduced.
/// </remarks>
internal static class JavaDoubleFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest digits, e.g. "1.5", "1E+20", "1.2345E-05"; split into digits and decimal point position.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;

        var builder = new StringBuilder(32);
        if (value < 0)
        {
            builder.Append('-');
        }

        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e7)
        {
            if (point <= 0)
            {
                builder.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                builder.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                builder.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
        }
        else
        {
            builder.Append(digits[0]).Append('.');
            builder.Append(digits.Length > 1 ? digits[1..] : "0");
            builder.Append('E').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
