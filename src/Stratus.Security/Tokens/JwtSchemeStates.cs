using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Security.Keys;

namespace Stratus.Security.Tokens;

/// <summary>The state of each Stratus bearer scheme, made on first use from the scheme's named <see cref="ResourceServerOptions"/>.</summary>
internal sealed class JwtSchemeStates(
    IOptionsMonitor<ResourceServerOptions> options,
    IHttpClientFactory clients,
    TimeProvider time,
    ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<JwtSchemeState>> _states = new(StringComparer.Ordinal);

    public JwtSchemeState Get(string scheme) =>
        _states.GetOrAdd(scheme, name => new Lazy<JwtSchemeState>(() => Create(name))).Value;

    public void Dispose()
    {
        foreach (var state in _states.Values.Where(s => s.IsValueCreated))
        {
            state.Value.Keys.Dispose();
        }
    }

    private JwtSchemeState Create(string scheme)
    {
        var settings = options.Get(scheme);
        var cache = new ValidatedTokenCache(time);
        var keys = new SigningKeySource(scheme, settings, clients, cache, time, loggers.CreateLogger<SigningKeySource>());
        return new JwtSchemeState(settings, keys, cache);
    }
}
