namespace Stratus.Bus.Addressing;

/// <summary>
/// Whether an event is for this service or from it, as Spring's <c>PathServiceMatcher</c> with the
/// <c>DefaultBusPathMatcher</c> decides: the destination is a pattern matched against the bus id and against each
/// configured config name carrying the id's tail (<c>spring.cloud.config.name</c>); an id listing several profiles
/// (<c>app:dev,cloud:8080:…</c>) also matches a pattern for any one of them. As in Spring, the origin is used as the
/// pattern to test "from self".
/// </summary>
internal sealed class ServiceMatcher(string busId, IReadOnlyList<string> configNames)
{
    // Bus ids are short; a longer pattern or id is not matched at all rather than costing time.
    private const int MaxLength = 1024;
    private readonly string[] _configIds = ConfigIds(busId, configNames);

    public string BusId => busId;

    public bool IsForSelf(string? destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            return true;
        }

        if (Match(destination, busId))
        {
            return true;
        }

        foreach (var id in _configIds)
        {
            if (Match(destination, id))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsFromSelf(string? origin) => origin is not null && Match(origin, busId);

    /// <summary>The bus path matcher: Ant matching, then each single profile of a multi-profile id.</summary>
    public static bool Match(string pattern, string id)
    {
        if (pattern.Length > MaxLength || id.Length > MaxLength)
        {
            return false;
        }

        if (AntPathMatcher.Match(pattern, id))
        {
            return true;
        }

        var tokens = AntPathMatcher.Tokenize(id, trim: true);
        if (tokens.Length <= 1)
        {
            return false;
        }

        var profiles = AntPathMatcher.Tokenize(tokens[1], trim: true, separator: ',');
        if (profiles.Length <= 1)
        {
            return false;
        }

        foreach (var profile in profiles)
        {
            tokens[1] = profile;
            if (AntPathMatcher.Match(pattern, string.Join(':', tokens)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Spring appends the id's part from its first <c>:</c> to each config name.</summary>
    private static string[] ConfigIds(string busId, IReadOnlyList<string> configNames)
    {
        var colon = busId.IndexOf(':', StringComparison.Ordinal);
        var tail = colon >= 0 ? busId[colon..] : string.Empty;
        return [.. configNames.Select(name => name + tail)];
    }
}
