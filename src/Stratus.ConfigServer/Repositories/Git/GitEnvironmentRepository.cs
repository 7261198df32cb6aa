using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Stratus.ConfigServer.Environment;

namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>
/// The Git backend: one <see cref="GitStore"/>, or one per application when the URI contains <c>{application}</c>.
/// Property sources are named <c>{uri}/{path}</c> and <c>version</c> is the commit id, as Spring's JGit repository does.
/// </summary>
internal sealed class GitEnvironmentRepository(GitRepositoryOptions options, ConfigFileCache files, TimeProvider time, ILogger logger)
    : IEnvironmentRepository, IDisposable
{
    private const int MaxStores = 256;
    private const string MasterLabel = "master";
    private readonly ConcurrentDictionary<string, GitStore> _stores = new(StringComparer.Ordinal);

    public event Action? Changed;

    public GitRepositoryOptions Options => options;

    public long Generation
    {
        get
        {
            long sum = _stores.Count;
            foreach (var store in _stores.Values)
            {
                sum += store.Generation << 8;
            }

            return sum;
        }
    }

    private bool PerApplication => options.Uri!.Contains("{application}", StringComparison.Ordinal);

    /// <summary>Creates the store of a URI without an <c>{application}</c> placeholder, for start-up and the refresh loop.</summary>
    public GitStore? MainStore => PerApplication ? null : Store(options.Uri!);

    public async Task<EnvironmentLookup> FindAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        var (store, failure) = await ReadyStoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return EnvironmentLookup.Fail(failure!.Value.Status, failure.Value.Message);
        }

        var requested = request.Label is null ? [null] : request.Label.Split(',', StringSplitOptions.RemoveEmptyEntries).Reverse().ToArray<string?>();
        var sources = ImmutableArray.CreateBuilder<PropertySourceData>();
        string? version = null;
        string? effectiveLabel = request.Label;
        foreach (var label in requested)
        {
            if (!TryResolve(store, label, out var tree, out var resolved))
            {
                return EnvironmentLookup.Fail(LookupStatus.NotFound, "No such label: " + (label ?? options.DefaultLabel));
            }

            effectiveLabel ??= resolved;
            var locations = Locations(tree, request, resolved);
            var result = ConfigDataAssembler.Assemble(locations, request.Applications, request.Profiles, files,
                (location, path, document, count) => SourceName(store, location, path, document, count));
            if (result.Error is not null)
            {
                return EnvironmentLookup.Fail(LookupStatus.Broken, result.Error);
            }

            sources.AddRange(result.Sources);
            version = version is null ? tree.CommitId : tree.CommitId + "," + version;
        }

        return EnvironmentLookup.Found(new ConfigEnvironment(request.Application, [.. request.Profiles], effectiveLabel, version, string.Empty, sources.ToImmutable()));
    }

    public async Task<ResourceLookup> FindResourceAsync(EnvironmentRequest request, string path, CancellationToken cancellationToken)
    {
        var (store, failure) = await ReadyStoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return ResourceLookup.Fail(failure!.Value.Status, failure.Value.Message);
        }

        if (!TryResolve(store, request.Label, out var tree, out var resolved))
        {
            return ResourceLookup.Fail(LookupStatus.NotFound, "No such label: " + (request.Label ?? options.DefaultLabel));
        }

        return ResourceFinder.Find(Locations(tree, request, resolved), request.Profiles, path, files.MaxFileSize);
    }

    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (!PerApplication)
        {
            Store(options.Uri!);
        }

        var changed = false;
        foreach (var store in _stores.Values)
        {
            changed |= await store.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    public IReadOnlyList<RepositoryHealth> Health() =>
        [.. _stores.Values.Select(s => new RepositoryHealth(s.MaskedUri, s.Ready.IsCompleted,
            s.LastGoodFetch == DateTimeOffset.MinValue ? null : s.LastGoodFetch, s.LastError))];

    public void Dispose()
    {
        foreach (var store in _stores.Values)
        {
            store.Dispose();
        }
    }

    private async Task<(GitStore? Store, (LookupStatus Status, string Message)? Failure)> ReadyStoreAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        var uri = options.Uri!.Replace("{application}", request.Application, StringComparison.Ordinal);
        if (!_stores.TryGetValue(uri, out var store))
        {
            if (_stores.Count >= MaxStores)
            {
                return (null, (LookupStatus.NotReady, "Too many repositories are open; try again later"));
            }

            store = Store(uri);
            _ = store.RefreshAsync(CancellationToken.None);
        }

        if (!store.Ready.IsCompleted)
        {
            await Task.WhenAny(store.Ready, Task.Delay(options.Timeout, time, cancellationToken)).ConfigureAwait(false);
        }

        if (store.Ready.IsCompleted)
        {
            return (store, null);
        }

        var reason = store.LastError;
        if (PerApplication && reason is not null && _stores.TryRemove(new KeyValuePair<string, GitStore>(uri, store)))
        {
            store.Dispose();
            return (null, (LookupStatus.NotFound, "No such repository: " + store.MaskedUri));
        }

        return (null, (LookupStatus.NotReady, $"Repository {store.MaskedUri} has not been fetched yet" + (reason is null ? string.Empty : ": " + reason)));
    }

    private GitStore Store(string uri) => _stores.GetOrAdd(uri, u =>
    {
        var store = new GitStore(u, options, time, logger);
        store.Changed += _ => Changed?.Invoke();
        return store;
    });

    private bool TryResolve(GitStore store, string? label, out GitTree tree, out string resolved)
    {
        resolved = label ?? options.DefaultLabel;
        if (store.TryResolve(resolved, out tree))
        {
            return true;
        }

        if (options.TryMasterBranch && resolved == "main" && (label is null || label == options.DefaultLabel) && store.TryResolve(MasterLabel, out tree))
        {
            resolved = MasterLabel;
            return true;
        }

        return false;
    }

    private List<SearchLocation> Locations(GitTree tree, EnvironmentRequest request, string label)
    {
        var patterns = new List<string> { "/" };
        patterns.AddRange(options.SearchPaths.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return [.. SearchPaths.Expand(tree, patterns, request, label).Select(d => new SearchLocation(tree, d, d))];
    }

    /// <summary>
    /// Spring's names after its cleaner: <c>{uri}/{path}</c> for a one-document file; for a multi-document file the
    /// Boot resource description with the clone folder and the closing bracket stripped, exactly as Spring leaves it.
    /// </summary>
    private static string SourceName(GitStore store, SearchLocation location, string path, int document, int count) =>
        count == 1
            ? store.Uri + "/" + path
            : $"{store.Uri}/Config resource 'file [{store.LocalRoot}/{path}' via location '{location.Location}' (document #{document})";
}
