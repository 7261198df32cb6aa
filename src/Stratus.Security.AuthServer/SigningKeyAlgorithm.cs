namespace Stratus.Security.AuthServer;

/// <summary>The JWS algorithm of signing keys.</summary>
public enum SigningKeyAlgorithm
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit RSA key (the default; what most resource servers expect).</summary>
    RS256,

    /// <summary>ECDSA on the P-256 curve with SHA-256: smaller tokens, faster signing.</summary>
    ES256,
}
