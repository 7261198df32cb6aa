namespace Stratus.Security.AuthServer;

/// <summary>The keys that sign tokens, <c>Stratus:AuthServer:Keys</c>.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The algorithm of new signing keys. Default <see cref="SigningKeyAlgorithm.RS256"/>.</summary>
    public SigningKeyAlgorithm Algorithm { get; set; } = SigningKeyAlgorithm.RS256;

    /// <summary>How long a key signs before a new one replaces it. Default 30 days.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a retired key stays published in the JWKS and accepted. Default: none, which means the longest token
    /// lifetime plus one minute, so every token it signed has expired before it goes.
    /// </summary>
    public TimeSpan? RetiredKeyRetention { get; set; }

    /// <summary>How often the server checks whether to rotate, drop retired keys or adopt another node's key. Default 1 minute.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
