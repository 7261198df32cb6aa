using System.Text.RegularExpressions;

namespace Stratus.Management.Env;

/// <summary>
/// Which configuration values are never shown, and how secrets inside shown values are hidden. A key is secret when any
/// of its segments (lower-cased, without <c>_</c>, <c>-</c> and <c>.</c>) contains password, passwd, secret, credential,
/// connectionstring, apikey, privatekey or vcap, or when its last non-numeric segment ends with key, keys, token,
/// tokens, pwd or private. Inside other values, URL passwords (<c>scheme://user:******@host</c>) and connection-string
/// <c>Password=</c>/<c>Pwd=</c> parts are masked.
/// </summary>
internal static partial class ValueMasking
{
    public const string Mask = "******";

    private static readonly string[] Contains = ["password", "passwd", "secret", "credential", "connectionstring", "apikey", "privatekey", "vcap"];
    private static readonly string[] EndsWith = ["key", "keys", "token", "tokens", "pwd", "private"];

    public static bool IsSecretKey(string key)
    {
        var segments = key.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(Normalize).ToArray();
        if (segments.Any(s => Contains.Any(word => s.Contains(word, StringComparison.Ordinal))))
        {
            return true;
        }

        var last = segments.LastOrDefault(s => !s.All(char.IsAsciiDigit));
        return last is not null && EndsWith.Any(word => last.EndsWith(word, StringComparison.Ordinal));
    }

    public static string MaskInValue(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            value = UrlPassword().Replace(value, "${prefix}" + Mask + "@");
        }

        return ConnectionStringPassword().Replace(value, "${prefix}" + Mask);
    }

    /// <summary>The value to show: masked for a secret key or when values are hidden, otherwise with inner secrets masked.</summary>
    public static string Show(string key, string value, bool showValues) =>
        !showValues || IsSecretKey(key) ? Mask : MaskInValue(value);

    private static string Normalize(string segment) =>
        segment.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace(".", string.Empty, StringComparison.Ordinal)
            .ToLowerInvariant();

    [GeneratedRegex(@"(?<prefix>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:@/\s]*:)[^@/\s]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<prefix>\b(?:password|pwd)\s*=\s*)[^;&\s]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConnectionStringPassword();
}
