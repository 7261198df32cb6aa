using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Stratus.Security.Tests.Support;

/// <summary>
/// RSA and EC keys by name, made once per test run: generating a 2048-bit RSA key takes up to seconds on a busy
/// two-core machine. Distinct names are distinct keys, so a forger's key is never the issuer's.
/// </summary>
public static class KeyPool
{
    private static readonly ConcurrentDictionary<string, Lazy<RSA>> Rsas = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<ECDsa>> Ecs = new(StringComparer.Ordinal);

    public static RSA Rsa(string name) => Rsas.GetOrAdd(name, _ => new Lazy<RSA>(() => RSA.Create(2048))).Value;

    public static ECDsa Ec(string name) => Ecs.GetOrAdd(name, _ => new Lazy<ECDsa>(() => ECDsa.Create(ECCurve.NamedCurves.nistP256))).Value;
}
