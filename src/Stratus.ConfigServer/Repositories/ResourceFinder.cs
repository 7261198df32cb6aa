using System.Globalization;
using Stratus.ConfigServer.Environment;

namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// Finds a plain-text resource as Spring's resource repository does: locations in order, and in each the
/// profile-specific variants (<c>nginx-dev.conf</c>) before the plain name.
/// </summary>
internal static class ResourceFinder
{
    public static ResourceLookup Find(IReadOnlyList<SearchLocation> locations, IReadOnlyList<string> profiles, string path, int maxSize)
    {
        var candidates = new List<string>();
        foreach (var profile in profiles)
        {
            if (profile.Length == 0 || profile == "default")
            {
                candidates.Add(path);
                continue;
            }

            var slash = path.LastIndexOf('/');
            var dot = path.LastIndexOf('.');
            candidates.Add(dot > slash + 1 ? path[..dot] + "-" + profile + path[dot..] : path + "-" + profile);
        }

        candidates.Add(path);
        foreach (var location in locations)
        {
            foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
            {
                if (location.Tree.TryGetFile(location.Directory + candidate, out var blob))
                {
                    return blob.Size > maxSize
                        ? ResourceLookup.Fail(LookupStatus.Broken, string.Create(CultureInfo.InvariantCulture, $"Resource {path} is {blob.Size} bytes, over the limit of {maxSize}"))
                        : new ResourceLookup(LookupStatus.Found, blob.Read(), null);
                }
            }
        }

        return ResourceLookup.Fail(LookupStatus.NotFound, "Not found: " + path);
    }
}
