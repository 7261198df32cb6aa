using Microsoft.Extensions.Configuration;

namespace Stratus.Config.Client;

/// <summary>
/// Serves the session's current snapshot. A new snapshot replaces <see cref="ConfigurationProvider.Data"/> in one
/// assignment and raises one reload, so <c>IOptionsMonitor</c> listeners fire once and bind the whole new state.
/// </summary>
internal sealed class ConfigServerConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly ConfigClientSession _session;
    private int _disposed;

    public ConfigServerConfigurationProvider(ConfigClientSession session)
    {
        _session = session;
        _session.Attach();
        _session.Changed += OnChanged;
    }

    public ConfigClientSession Session => _session;

    /// <summary>The first call fetches (once per session); later calls, from a host reloading every source, keep what is held.</summary>
    public override void Load()
    {
        _session.EnsureLoaded();
        Data = Copy(_session.Current);
    }

    private void OnChanged(Client.ConfigSnapshot snapshot)
    {
        Data = Copy(snapshot);
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
