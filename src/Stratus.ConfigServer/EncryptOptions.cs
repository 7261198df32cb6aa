namespace Stratus.ConfigServer;

/// <summary>Keys for <c>{cipher}</c> values. [<c>encrypt.*</c>, env <c>ENCRYPT_KEY</c>]</summary>
public sealed class EncryptOptions
{
    /// <summary>Symmetric key (a passphrase) for Spring's AES format. Never logged. Default: none (no decryption, <c>/encrypt</c> answers NO_KEY).</summary>
    public string? Key { get; set; }

    /// <summary>Hex salt of the symmetric key. Default <c>deadbeef</c>, Spring's.</summary>
    public string Salt { get; set; } = "deadbeef";

    /// <summary>Further symmetric keys by alias, selected with <c>{cipher}{key:alias}</c>.</summary>
    public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Decrypt <c>{cipher}</c> values before serving them (true, Spring's default); false leaves them for the client. [<c>spring.cloud.config.server.encrypt.enabled</c>]</summary>
    public bool Enabled { get; set; } = true;
}
