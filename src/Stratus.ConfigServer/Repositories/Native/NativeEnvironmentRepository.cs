using Stratus.ConfigServer.Environment;

namespace Stratus.ConfigServer.Repositories.Native;

/// <summary>
/// The "native" backend: plain folders. Sources are named <c>file:{path}</c>; <c>label</c> and <c>version</c> are what the
/// request and configuration give (null by default), as in Spring's native repository. Changes are noticed by the
/// refresh loop comparing a fingerprint of the folders.
/// </summary>
internal sealed class NativeEnvironmentRepository(NativeRepositoryOptions options, ConfigFileCache files) : IEnvironmentRepository
{
    private const int MaxFilesScanned = 20_000;
    private long _generation;
    private long _fingerprint;

    public event Action? Changed;

    public long Generation => Interlocked.Read(ref _generation);

    public Task<EnvironmentLookup> FindAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        var result = ConfigDataAssembler.Assemble(Locations(request), request.Applications, request.Profiles, files, SourceName);
        return Task.FromResult(result.Error is not null
            ? EnvironmentLookup.Fail(LookupStatus.Broken, result.Error)
            : EnvironmentLookup.Found(new ConfigEnvironment(request.Application, [.. request.Profiles], request.Label, options.Version, null, result.Sources)));
    }

    public Task<ResourceLookup> FindResourceAsync(EnvironmentRequest request, string path, CancellationToken cancellationToken) =>
        Task.FromResult(ResourceFinder.Find(Locations(request), request.Profiles, path, files.MaxFileSize));

    public Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint();
        if (Interlocked.Exchange(ref _fingerprint, fingerprint) == fingerprint)
        {
            return Task.FromResult(false);
        }

        Interlocked.Increment(ref _generation);
        Changed?.Invoke();
        return Task.FromResult(true);
    }

    public IReadOnlyList<RepositoryHealth> Health() =>
        [.. Roots().Select(r => new RepositoryHealth("file:" + r, Directory.Exists(r), null, Directory.Exists(r) ? null : "folder does not exist"))];

    private List<SearchLocation> Locations(EnvironmentRequest request)
    {
        var output = new List<SearchLocation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in Patterns())
        {
            foreach (var profile in request.Profiles)
            {
                foreach (var application in request.Applications)
                {
                    var location = raw.Replace("{application}", application, StringComparison.Ordinal).Replace("{profile}", profile, StringComparison.Ordinal);
                    if (request.Label is not null)
                    {
                        location = location.Replace("{label}", request.Label, StringComparison.Ordinal);
                    }

                    Add(output, seen, location);
                }
            }
        }

        if (options.AddLabelLocations && !string.IsNullOrEmpty(request.Label))
        {
            foreach (var raw in Patterns().Where(p => !p.Contains('{', StringComparison.Ordinal)))
            {
                Add(output, seen, raw.TrimEnd('/') + "/" + request.Label + "/");
            }
        }

        return output;
    }

    private static void Add(List<SearchLocation> output, HashSet<string> seen, string location)
    {
        if (location.Contains('{', StringComparison.Ordinal))
        {
            return;
        }

        var shown = location.EndsWith('/') ? location : location + "/";
        var folder = FolderOf(shown);
        if (seen.Add(folder) && Directory.Exists(folder))
        {
            output.Add(new SearchLocation(new NativeTree(folder), string.Empty, shown));
        }
    }

    private IEnumerable<string> Patterns() =>
        options.SearchLocations.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(l => l.StartsWith("optional:", StringComparison.Ordinal) ? l["optional:".Length..] : l);

    private IEnumerable<string> Roots() =>
        Patterns().Select(p => FolderOf(p.Contains('{', StringComparison.Ordinal) ? p[..p.IndexOf('{', StringComparison.Ordinal)] : p)).Distinct(StringComparer.Ordinal);

    private static string FolderOf(string location)
    {
        var path = location.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : location["file:".Length..])
            : location;
        return Path.GetFullPath(path.Length == 0 ? "." : path).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <summary>Spring's names: <c>file:{path}</c> for a one-document file, the Boot resource description for each document of a multi-document one.</summary>
    private static string SourceName(SearchLocation location, string path, int document, int count) =>
        count == 1
            ? "file:" + location.Tree.LocalRoot + "/" + path
            : $"Config resource 'file [{location.Tree.LocalRoot}/{path}]' via location '{location.Location}' (document #{document})";

    private long Fingerprint()
    {
        var hash = new HashCode();
        var scanned = 0;
        foreach (var root in Roots())
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var enumeration = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", enumeration))
            {
                hash.Add(file.FullName);
                hash.Add(file.Length);
                hash.Add(file.LastWriteTimeUtc.Ticks);
                if (++scanned > MaxFilesScanned)
                {
                    break;
                }
            }
        }

        return (uint)hash.ToHashCode() + (1L << 40);
    }
}
