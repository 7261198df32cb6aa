using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;

namespace Stratus.Gateway.Security;

/// <summary>
/// Remembers tokens that passed validation, by their exact text, until their <c>exp</c> or for one minute, whichever
/// comes first, so a client sending the same token again does not pay for the signature check each time (22 µs for
/// RS256). Failures are never cached. A signing key removed from the JWKS stops being accepted within that minute.
/// Bounded: the table is emptied when it reaches 10,000 entries.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(string authorization)
    {
        if (_entries.TryGetValue(authorization, out var entry))
        {
            if (entry.Until > time.GetUtcNow())
            {
                return entry.Principal;
            }

            _entries.TryRemove(authorization, out _);
        }

        return null;
    }

    public void Remember(string authorization, ClaimsPrincipal principal)
    {
        var now = time.GetUtcNow();
        var until = now + MaxAge;
        if (long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (expires < until)
            {
                until = expires;
            }
        }

        if (until <= now)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[authorization] = (principal, until);
    }
}
