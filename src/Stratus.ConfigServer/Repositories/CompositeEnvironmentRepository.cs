using System.Collections.Immutable;
using Stratus.ConfigServer.Environment;

namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// The repository every request goes through, as in Spring, where a composite always wraps the configured backends:
/// the answer carries the profiles as requested (one comma string), the label as requested (null when none), and the
/// version and state of the backend when there is exactly one. Property sources of several backends are concatenated,
/// the first backend's first; an error in any backend fails the request (Spring's <c>fail-on-composite-error</c>).
/// </summary>
internal sealed class CompositeEnvironmentRepository(IReadOnlyList<IEnvironmentRepository> repositories) : IEnvironmentRepository
{
    public IReadOnlyList<IEnvironmentRepository> Repositories => repositories;

    public long Generation
    {
        get
        {
            long sum = 0;
            foreach (var repository in repositories)
            {
                sum = (sum * 31) + repository.Generation;
            }

            return sum;
        }
    }

    public async Task<EnvironmentLookup> FindAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        var sources = ImmutableArray.CreateBuilder<PropertySourceData>();
        string? version = null;
        string? state = null;
        foreach (var repository in repositories)
        {
            var lookup = await repository.FindAsync(request, cancellationToken).ConfigureAwait(false);
            if (lookup.Environment is not { } found)
            {
                return lookup;
            }

            sources.AddRange(found.PropertySources);
            if (repositories.Count == 1)
            {
                version = found.Version;
                state = found.State;
            }
        }

        return EnvironmentLookup.Found(new ConfigEnvironment(request.Application, [request.Profile], request.Label, version, state, sources.ToImmutable()));
    }

    public async Task<ResourceLookup> FindResourceAsync(EnvironmentRequest request, string path, CancellationToken cancellationToken)
    {
        ResourceLookup? last = null;
        foreach (var repository in repositories)
        {
            last = await repository.FindResourceAsync(request, path, cancellationToken).ConfigureAwait(false);
            if (last.Status != LookupStatus.NotFound)
            {
                return last;
            }
        }

        return last ?? ResourceLookup.Fail(LookupStatus.NotFound, "Not found: " + path);
    }

    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var repository in repositories)
        {
            changed |= await repository.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    public IReadOnlyList<RepositoryHealth> Health() => [.. repositories.SelectMany(r => r.Health())];
}
