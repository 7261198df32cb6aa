namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// A backend. Lookups never touch the network: they read the last fetched state. <see cref="Generation"/> changes
/// whenever that state does, so answers can be cached against it.
/// </summary>
internal interface IEnvironmentRepository
{
    long Generation { get; }

    Task<EnvironmentLookup> FindAsync(EnvironmentRequest request, CancellationToken cancellationToken);

    Task<ResourceLookup> FindResourceAsync(EnvironmentRequest request, string path, CancellationToken cancellationToken);

    /// <summary>Fetches every remote now (webhook, <c>/actuator/refresh</c>, timer); true when anything changed.</summary>
    Task<bool> RefreshAsync(CancellationToken cancellationToken);

    /// <summary>State of each repository for the health endpoint.</summary>
    IReadOnlyList<RepositoryHealth> Health();
}
