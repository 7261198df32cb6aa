using Microsoft.Extensions.Options;
using Stratus.Config.Encryption;

namespace Stratus.ConfigServer.Encryption;

/// <summary>The installed keys: the default symmetric key and any further ones by alias (<c>{key:alias}</c>).</summary>
internal sealed class CipherKeys
{
    private readonly ITextEncryptor? _default;
    private readonly Dictionary<string, ITextEncryptor> _byAlias = new(StringComparer.Ordinal);

    public CipherKeys(IOptions<ConfigServerOptions> options)
    {
        var encrypt = options.Value.Encrypt;
        if (!string.IsNullOrEmpty(encrypt.Key))
        {
            _default = new SpringTextEncryptor(encrypt.Key, encrypt.Salt);
        }

        foreach (var (alias, key) in encrypt.Keys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                _byAlias[alias] = new SpringTextEncryptor(key, encrypt.Salt);
            }
        }

        DecryptOnServer = encrypt.Enabled;
    }

    public bool Installed => _default is not null || _byAlias.Count > 0;

    public bool DecryptOnServer { get; }

    /// <summary>The key a cipher's prefixes select: <c>{key:alias}</c> names one; without it the default key.</summary>
    public ITextEncryptor? Locate(IReadOnlyDictionary<string, string> prefixes) =>
        prefixes.TryGetValue("key", out var alias) ? _byAlias.GetValueOrDefault(alias) : _default;
}
