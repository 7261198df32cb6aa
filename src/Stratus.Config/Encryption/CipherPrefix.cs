namespace Stratus.Config.Encryption;

/// <summary>
/// The <c>{name:value}</c> prefixes Spring allows before a cipher (<c>{key:alias}</c>, <c>{secret:…}</c>): read them,
/// strip them, and put them back in front of a new cipher.
/// </summary>
internal static class CipherPrefix
{
    public static Dictionary<string, string> Read(string text, out string rest)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        rest = text;
        while (rest.StartsWith('{'))
        {
            var close = rest.IndexOf('}', StringComparison.Ordinal);
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (close < 0 || colon < 0 || colon > close)
            {
                break;
            }

            prefixes[rest[1..colon]] = rest[(colon + 1)..close];
            rest = rest[(close + 1)..];
        }

        return prefixes;
    }

    public static string Write(IReadOnlyDictionary<string, string> prefixes, string cipher) =>
        string.Concat(prefixes.Select(p => "{" + p.Key + ":" + p.Value + "}")) + cipher;
}
