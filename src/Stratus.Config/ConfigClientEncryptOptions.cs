namespace Stratus.Config;

/// <summary>Client-side decryption of <c>{cipher}</c> values, in Spring's symmetric format.</summary>
public sealed class ConfigClientEncryptOptions
{
    /// <summary>Symmetric key (passphrase). Default none: cipher values are left as they came. Spring: <c>encrypt.key</c>, env <c>ENCRYPT_KEY</c>.</summary>
    public string? Key { get; set; }

    /// <summary>Hex salt of the key derivation. Default <c>deadbeef</c>. Spring: <c>encrypt.salt</c>.</summary>
    public string Salt { get; set; } = "deadbeef";
}
