using System.Collections.Concurrent;
using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Environment;

/// <summary>
/// Answers environment requests from a cache of finished (decrypted, serialized-on-demand) environments, keyed by
/// request and checked against the repository generation: a warm request is a dictionary lookup.
/// </summary>
internal sealed class EnvironmentService(CompositeEnvironmentRepository repository, IEnvironmentDecryptor decryptor)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(string, string, string?), Entry> _cache = new();

    public CompositeEnvironmentRepository Repository => repository;

    public async ValueTask<EnvironmentLookup> FindAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        var key = (request.Application, request.Profile, request.Label);
        var generation = repository.Generation;
        if (_cache.TryGetValue(key, out var entry) && entry.Generation == generation)
        {
            return entry.Lookup;
        }

        var lookup = await repository.FindAsync(request, cancellationToken).ConfigureAwait(false);
        if (lookup.Environment is { } environment)
        {
            lookup = EnvironmentLookup.Found(decryptor.Decrypt(environment));
        }

        if (lookup.Status is LookupStatus.Found or LookupStatus.Broken or LookupStatus.NotFound)
        {
            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }

            _cache[key] = new Entry(generation, lookup);
        }

        return lookup;
    }

    private sealed record Entry(long Generation, EnvironmentLookup Lookup);
}
