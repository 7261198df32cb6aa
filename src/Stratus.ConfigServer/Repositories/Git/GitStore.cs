using System.Collections.Concurrent;
using System.Collections.Frozen;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>
/// One Git repository: a local one read in place, or a remote mirrored into a private folder. Only the refresh loop
/// touches the network; reads resolve labels against the last <see cref="RefSnapshot"/> and read objects from disk.
/// </summary>
internal sealed partial class GitStore : IDisposable
{
    private const string RemoteBranchPrefix = "refs/remotes/origin/";
    private const string LocalBranchPrefix = "refs/heads/";
    private const string TagPrefix = "refs/tags/";
    private static readonly string[] FetchRefSpecs = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];

    private readonly GitRepositoryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ConcurrentDictionary<string, GitTree> _trees = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Repository? _read;
    private Repository? _fetch;
    private volatile RefSnapshot _refs = RefSnapshot.Empty;
    private volatile string? _lastError;
    private DateTimeOffset _lastGoodFetch = DateTimeOffset.MinValue;
    private long _generation;

    public GitStore(string uri, GitRepositoryOptions options, TimeProvider time, ILogger logger)
    {
        Uri = uri;
        MaskedUri = GitLocation.Mask(uri);
        IsLocal = GitLocation.IsLocal(uri);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The repository URI as configured; property source names start with it.</summary>
    public string Uri { get; }

    public string MaskedUri { get; }

    public bool IsLocal { get; }

    /// <summary>The folder that holds the files: the repository itself when local, else the private clone.</summary>
    public string? LocalRoot { get; private set; }

    public RefSnapshot Refs => _refs;

    /// <summary>Changes whenever a refresh moves a branch or tag.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public string? LastError => _lastError;

    public DateTimeOffset LastGoodFetch => _lastGoodFetch;

    /// <summary>Completes once the first snapshot of refs exists.</summary>
    public Task Ready => _ready.Task;

    public event Action<GitStore>? Changed;

    /// <summary>Fetches (or re-reads local refs) and swaps in a new snapshot when a ref moved. Never throws; failures keep the last snapshot.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(IsLocal ? Timeout.InfiniteTimeSpan : _options.Timeout * 6);
            var snapshot = await Task.Factory.StartNew(() => FetchAndSnapshot(timeout.Token), timeout.Token,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            _lastGoodFetch = _time.GetUtcNow();
            _lastError = null;
            var changed = !snapshot.SameRefsAs(_refs);
            if (changed)
            {
                _refs = snapshot;
                _trees.Clear();
                Interlocked.Increment(ref _generation);
                LogRefsChanged(_logger, MaskedUri, snapshot.Branches.Count, snapshot.Tags.Count);
            }

            _ready.TrySetResult();
            if (changed)
            {
                Changed?.Invoke(this);
            }

            return changed;
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or OperationCanceledException or InvalidOperationException or UnauthorizedAccessException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            _lastError = GitLocation.Mask(e.Message.Replace(_options.Password ?? "\0", "***", StringComparison.Ordinal));
            LogFetchFailed(_logger, MaskedUri, _lastError);
            return false;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Finds the commit a label names: a branch, a tag, or a commit id (7 to 40 hex digits).</summary>
    public bool TryResolve(string label, out GitTree tree)
    {
        var refs = _refs;
        if (refs.Branches.TryGetValue(label, out var sha) || refs.Tags.TryGetValue(label, out sha))
        {
            tree = TreeFor(sha)!;
            return tree is not null;
        }

        if (label.Length is >= 7 and <= 40 && label.All(char.IsAsciiHexDigit) && _read is not null)
        {
            lock (_gate)
            {
                var commit = label.Length == 40 ? _read.Lookup<Commit>(new ObjectId(label)) : _read.Lookup<Commit>(label);
                if (commit is not null)
                {
                    tree = TreeFor(commit.Sha)!;
                    return tree is not null;
                }
            }
        }

        tree = null!;
        return false;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _read?.Dispose();
            _fetch?.Dispose();
        }

        _refreshing.Dispose();
    }

    private GitTree? TreeFor(string sha)
    {
        if (_trees.TryGetValue(sha, out var cached))
        {
            return cached;
        }

        lock (_gate)
        {
            var commit = _read?.Lookup<Commit>(new ObjectId(sha));
            if (commit is null)
            {
                return null;
            }

            if (_trees.Count > 256)
            {
                _trees.Clear();
            }

            return _trees.GetOrAdd(sha, _ => new GitTree(commit, _gate, LocalRoot!));
        }
    }

    private RefSnapshot FetchAndSnapshot(CancellationToken cancellationToken)
    {
        if (IsLocal)
        {
            OpenLocal();
            return Snapshot(_read!, LocalBranchPrefix);
        }

        OpenMirror();
        var fetchOptions = new FetchOptions
        {
            Prune = true,
            TagFetchMode = TagFetchMode.All,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            OnProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        if (!string.IsNullOrEmpty(_options.Username))
        {
            var credentials = new UsernamePasswordCredentials { Username = _options.Username, Password = _options.Password ?? string.Empty };
            fetchOptions.CredentialsProvider = (_, _, _) => credentials;
        }

        Commands.Fetch(_fetch!, "origin", FetchRefSpecs, fetchOptions, "stratus config-server fetch");
        cancellationToken.ThrowIfCancellationRequested();
        return Snapshot(_fetch!, RemoteBranchPrefix);
    }

    private void OpenLocal()
    {
        if (_read is not null)
        {
            return;
        }

        var path = GitLocation.LocalPath(Uri);
        if (!Repository.IsValid(path))
        {
            throw new InvalidOperationException($"'{path}' is not a Git repository");
        }

        var repository = new Repository(path);
        LocalRoot = repository.Info.WorkingDirectory?.TrimEnd('/') ?? path;
        lock (_gate)
        {
            _read = repository;
        }
    }

    private void OpenMirror()
    {
        if (_fetch is not null)
        {
            return;
        }

        var folder = CloneFolder.Create(_options.BaseDir);
        Repository.Init(folder, isBare: true);
        var fetch = new Repository(folder);
        fetch.Network.Remotes.Add("origin", Uri, FetchRefSpecs[0]);
        LocalRoot = folder;
        _fetch = fetch;
        lock (_gate)
        {
            _read = new Repository(folder);
        }
    }

    private RefSnapshot Snapshot(Repository repository, string branchPrefix)
    {
        var branches = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var reference in repository.Refs)
            {
                var name = reference.CanonicalName;
                var target = Peel(repository, reference);
                if (target is null)
                {
                    continue;
                }

                if (name.StartsWith(branchPrefix, StringComparison.Ordinal) && !name.EndsWith("/HEAD", StringComparison.Ordinal))
                {
                    branches[name[branchPrefix.Length..]] = target;
                }
                else if (name.StartsWith(TagPrefix, StringComparison.Ordinal))
                {
                    tags[name[TagPrefix.Length..]] = target;
                }
            }
        }

        return new RefSnapshot(branches.ToFrozenDictionary(StringComparer.Ordinal), tags.ToFrozenDictionary(StringComparer.Ordinal), _time.GetUtcNow());
    }

    private static string? Peel(Repository repository, Reference reference)
    {
        var direct = reference.ResolveToDirectReference();
        if (direct?.Target is null)
        {
            return null;
        }

        return repository.Lookup(direct.Target.Id) switch
        {
            Commit commit => commit.Sha,
            TagAnnotation annotation => (annotation.Target as Commit)?.Sha ?? (annotation.Target as TagAnnotation)?.Target.Peel<Commit>()?.Sha,
            _ => null,
        };
    }
}
