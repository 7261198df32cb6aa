using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Security.AuthServer.Clients;

/// <summary>
/// Remembers client secrets that matched their stored hash, so a client that asks for tokens all day pays for the
/// PBKDF2 check once (about 2 ms of CPU each, which would cap a two-core server near 1,000 tokens per second).
/// An entry is keyed by a SHA-256 of the stored hash and the presented secret: it holds no secret, and a changed
/// secret has a new stored hash, so an old entry can never match it. Only successes are remembered; a wrong secret
/// always pays the full check.
/// </summary>
internal sealed class ClientSecretCache
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, byte> _matches = new(StringComparer.Ordinal);

    public bool Contains(string secret, string storedHash) => _matches.ContainsKey(Key(secret, storedHash));

    public void Add(string secret, string storedHash)
    {
        // A bound, not an eviction policy: the set only grows with distinct (client, secret) pairs.
        if (_matches.Count >= Capacity)
        {
            _matches.Clear();
        }

        _matches.TryAdd(Key(secret, storedHash), 0);
    }

    private static string Key(string secret, string storedHash) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(storedHash + "\n" + secret)));
}
