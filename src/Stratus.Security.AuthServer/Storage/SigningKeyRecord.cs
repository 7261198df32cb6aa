namespace Stratus.Security.AuthServer.Storage;

/// <summary>A key the server generated, as stored: private material in PKCS#8 (or raw bytes for the encryption key).</summary>
internal sealed class SigningKeyRecord
{
    /// <summary>The key id (<c>kid</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary><c>sig</c> for a signing key, <c>enc</c> for the key that encrypts codes and refresh tokens.</summary>
    public string Use { get; set; } = "";

    /// <summary>The JWS or JWE algorithm: <c>RS256</c>, <c>ES256</c>, <c>A256KW</c>.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>The private key, base64.</summary>
    public string Material { get; set; } = "";

    /// <summary>When the key was made; the newest unretired signing key signs.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a newer key replaced it; it stays published until then plus the retention.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
