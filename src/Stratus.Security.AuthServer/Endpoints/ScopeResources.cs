using System.Collections.Concurrent;
using System.Collections.Immutable;
using OpenIddict.Abstractions;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>
/// The resources (audiences) of a set of scopes, remembered for a short while: the same few scope sets come back on
/// every token request, and each lookup is a database query.
/// </summary>
internal sealed class ScopeResources(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (IReadOnlyCollection<string> Resources, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> OfAsync(IOpenIddictScopeManager scopes, ImmutableArray<string> names, CancellationToken cancellationToken)
    {
        var key = string.Join(' ', names.Order(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        if (_known.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Resources;
        }

        var resources = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var resource in scopes.ListResourcesAsync(names, cancellationToken).ConfigureAwait(false))
        {
            resources.Add(resource);
        }

        if (_known.Count > 1024)
        {
            _known.Clear();
        }

        _known[key] = (resources, now + Lifetime);
        return resources;
    }
}
