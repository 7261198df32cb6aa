using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Security.Tokens;

/// <summary>
/// Remembers tokens that passed validation until their <c>exp</c> or for one minute, whichever is sooner, so a client
/// sending the same token again does not pay for the signature check. Entries are keyed by the SHA-256 of the token,
/// so the table never holds a usable bearer token. Failures are never remembered. The table is emptied when the
/// issuer's key set changes (a removed key stops being accepted at once) and when it reaches 10,000 entries.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public const int MaxEntries = 10_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private long _generation;

    /// <summary>Changes whenever the table is emptied; a validation that began before a change is not remembered.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    /// <summary>A copy of the principal a still-valid earlier validation produced, or <see langword="null"/>.</summary>
    public ClaimsPrincipal? Find(string token)
    {
        var hash = TokenHash.Of(token);
        if (_entries.TryGetValue(hash, out var entry))
        {
            if (entry.Until > time.GetUtcNow())
            {
                // A copy: claims transformations and handlers may add to the principal they are given.
                return Copy(entry.Principal);
            }

            _entries.TryRemove(hash, out _);
        }

        return null;
    }

    public void Remember(string token, ClaimsPrincipal principal, long generation)
    {
        var now = time.GetUtcNow();
        var until = now + MaxAge;
        if (long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            && exp < DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (expires < until)
            {
                until = expires;
            }
        }
        else
        {
            // Validation requires exp; a principal without one is not remembered.
            return;
        }

        if (until <= now)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var hash = TokenHash.Of(token);
        _entries[hash] = new Entry(Copy(principal), until);
        if (Generation != generation)
        {
            // The keys changed while this token was being validated against the old ones.
            _entries.TryRemove(hash, out _);
        }
    }

    /// <summary>Forgets every token, for example because the issuer's key set changed.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>A deep copy: <see cref="ClaimsPrincipal.Clone"/> shares its identities with the original.</summary>
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal) => new(principal.Identities.Select(identity => identity.Clone()));

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);

    /// <summary>The SHA-256 of the token's UTF-8 bytes, as four words.</summary>
    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenHash Of(string token)
        {
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            byte[]? rented = null;
            var buffer = length <= 4096 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                var written = Encoding.UTF8.GetBytes(token, buffer);
                Span<ulong> hash = stackalloc ulong[4];
                SHA256.HashData(buffer[..written], System.Runtime.InteropServices.MemoryMarshal.AsBytes(hash));
                return new TokenHash(hash[0], hash[1], hash[2], hash[3]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
