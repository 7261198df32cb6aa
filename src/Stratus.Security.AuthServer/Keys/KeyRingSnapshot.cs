using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>The keys in force: every published signing key with the active one first, and the encryption key.</summary>
internal sealed record KeyRingSnapshot(IReadOnlyList<SigningCredentials> Published, EncryptingCredentials Encryption, string Fingerprint)
{
    /// <summary>The key that signs new tokens.</summary>
    public SigningCredentials Active => Published[0];

    /// <summary>The key ids in order, to tell whether a reload changed anything.</summary>
    public static string FingerprintOf(IEnumerable<string> ids) => string.Join(' ', ids);
}
