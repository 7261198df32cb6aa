using System.Collections.Immutable;
using Stratus.ConfigServer.Files;
using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Environment;

/// <summary>
/// Builds the property sources of an environment the way Spring Boot's config-data loading does for
/// <c>spring.config.name=application,{app}</c> and <c>spring.profiles.active={profiles}</c>: profile-specific files above
/// the rest, the last profile above earlier ones, later search locations above earlier ones, the application's files
/// above <c>application.*</c>, <c>.properties</c> above <c>.yml</c> above <c>.yaml</c>, and later documents of a file above earlier ones.
/// </summary>
internal static class ConfigDataAssembler
{
    /// <summary>Extensions in Spring Boot's candidate order; precedence runs the other way.</summary>
    private static readonly string[] Extensions = ["yaml", "yml", "properties"];

    /// <summary>Names a property source from its location, file path, document index and document count.</summary>
    public delegate string SourceNamer(SearchLocation location, string path, int document, int documents);

    public static AssemblyResult Assemble(
        IReadOnlyList<SearchLocation> locations,
        IReadOnlyList<string> applications,
        IReadOnlyList<string> profiles,
        ConfigFileCache files,
        SourceNamer namer)
    {
        var names = new List<string> { "application" };
        foreach (var application in applications)
        {
            if (!names.Contains(application, StringComparer.Ordinal))
            {
                names.Add(application);
            }
        }

        var sources = ImmutableArray.CreateBuilder<PropertySourceData>();
        var seen = new HashSet<(IConfigTree, string)>();
        foreach (var profile in profiles.Reverse())
        {
            if (AddCandidates(locations, names, "-" + profile, profiles, files, namer, sources, seen) is { } error)
            {
                return AssemblyResult.Failed(error);
            }
        }

        if (AddCandidates(locations, names, string.Empty, profiles, files, namer, sources, seen) is { } failure)
        {
            return AssemblyResult.Failed(failure);
        }

        return new AssemblyResult(sources.ToImmutable(), null);
    }

    private static string? AddCandidates(
        IReadOnlyList<SearchLocation> locations,
        List<string> names,
        string suffix,
        IReadOnlyList<string> profiles,
        ConfigFileCache files,
        SourceNamer namer,
        ImmutableArray<PropertySourceData>.Builder sources,
        HashSet<(IConfigTree, string)> seen)
    {
        for (var l = locations.Count - 1; l >= 0; l--)
        {
            var location = locations[l];
            for (var n = names.Count - 1; n >= 0; n--)
            {
                for (var e = Extensions.Length - 1; e >= 0; e--)
                {
                    var path = location.Directory + names[n] + suffix + "." + Extensions[e];
                    if (!seen.Add((location.Tree, path)) || !location.Tree.TryGetFile(path, out var blob))
                    {
                        continue;
                    }

                    var file = files.Get(blob, yaml: e < 2);
                    if (file.Error is not null)
                    {
                        return path + ": " + file.Error;
                    }

                    if (AddDocuments(location, path, file, profiles, namer, sources) is { } error)
                    {
                        return path + ": " + error;
                    }
                }
            }
        }

        return null;
    }

    private static string? AddDocuments(
        SearchLocation location,
        string path,
        ConfigFile file,
        IReadOnlyList<string> profiles,
        SourceNamer namer,
        ImmutableArray<PropertySourceData>.Builder sources)
    {
        var count = file.Documents.Length;
        for (var d = count - 1; d >= 0; d--)
        {
            var document = file.Documents[d];
            if (document.OnCloudPlatform)
            {
                continue;
            }

            if (document.OnProfile is { } expression)
            {
                bool active;
                try
                {
                    active = ProfileExpression.Matches(expression, (IReadOnlyCollection<string>)profiles);
                }
                catch (FormatException e)
                {
                    return "invalid spring.config.activate.on-profile: " + e.Message;
                }

                if (!active)
                {
                    continue;
                }
            }

            sources.Add(new PropertySourceData(namer(location, path, d, count), document.Properties));
        }

        return null;
    }
}
