namespace Stratus.Registry.Replication;

/// <summary>
/// Whether reads are served. A node with peers starts closed and opens once it copied the registry from a peer
/// (or gave up after <see cref="RegistryOptions.PeerSyncTimeout"/>); while closed, listings answer 403 so clients
/// ask another node instead of caching an empty registry.
/// </summary>
internal sealed class RegistryAccess
{
    private volatile bool _open = true;

    public bool IsOpen => _open;

    public void Close() => _open = false;

    public void Open() => _open = true;
}
