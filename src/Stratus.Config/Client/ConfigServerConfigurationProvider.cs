using Microsoft.Extensions.Configuration;

namespace Stratus.Config.Client;

/// <summary>
/// Serves the session's current snapshot. A new snapshot replaces <see cref="ConfigurationProvider.Data"/> in one
/// assignment and raises one reload, so <c>IOptionsMonitor</c> listeners fire once and bind the whole new state.
/// </summary>
internal sealed class ConfigServerConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly ConfigClientSession _session;
    private readonly Lock _gate = new();
    private volatile bool _ready;
    private int _disposed;

    public ConfigServerConfigurationProvider(ConfigClientSession session)
    {
        _session = session;
        _session.Attach();
        _session.Changed += OnChanged;
    }

    public ConfigClientSession Session => _session;

    /// <summary>
    /// Starts the session's first load (once per session) and returns; the first read waits for it. Later calls, from a
    /// host reloading every source, keep what is held.
    /// </summary>
    public override void Load()
    {
        _session.BeginLoad();
        if (_session.IsLoaded)
        {
            Ready();
        }
    }

    public override bool TryGet(string key, out string? value)
    {
        if (!_ready)
        {
            Ready();
        }

        return base.TryGet(key, out value);
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        if (!_ready)
        {
            Ready();
        }

        return base.GetChildKeys(earlierKeys, parentPath);
    }

    private void Ready()
    {
        _session.WaitLoaded();
        lock (_gate)
        {
            if (!_ready)
            {
                Data = Copy(_session.Current);
                _ready = true;
            }
        }
    }

    private void OnChanged(ConfigSnapshot snapshot)
    {
        lock (_gate)
        {
            Data = Copy(snapshot);
            _ready = true;
        }

        OnReload();
    }

    private static Dictionary<string, string?> Copy(ConfigSnapshot snapshot) => new(snapshot.Data, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"{GetType().Name} ({string.Join(", ", _session.Client.Servers.Select(s => s.Display))} {_session.Client.Path})";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Changed -= OnChanged;
            _session.Detach();
        }
    }
}
