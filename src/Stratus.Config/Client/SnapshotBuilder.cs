using System.Collections.Frozen;
using System.Security.Cryptography;
using Stratus.Config.Encryption;

namespace Stratus.Config.Client;

/// <summary>
/// Turns the server's answer into configuration data: the lowest-precedence source first so higher ones win, Spring
/// keys in .NET form, <c>{cipher}</c> values decrypted when a key is configured, and Spring's
/// <c>config.client.version</c> / <c>config.client.state</c> as <c>config:client:version</c> / <c>config:client:state</c>.
/// </summary>
internal sealed class SnapshotBuilder(Func<ITextEncryptor?> decryptorFactory)
{
    private ITextEncryptor? _decryptor;
    private bool _decryptorMade;

    private const string CipherPrefix = "{cipher}";

    /// <summary>Keys whose cipher could not be decrypted in the last build: removed, as Spring's client would fail on them.</summary>
    public List<string> Undecryptable { get; } = [];

    /// <summary>Keys left encrypted because no key is configured.</summary>
    public List<string> LeftEncrypted { get; } = [];

    public ConfigSnapshot Build(RemoteEnvironment environment, string? etag, DateTimeOffset fetchedAt)
    {
        Undecryptable.Clear();
        LeftEncrypted.Clear();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = environment.PropertySources.Count - 1; i >= 0; i--)
        {
            foreach (var (springKey, value) in environment.PropertySources[i].Properties)
            {
                var key = SpringKey.ToConfigurationKey(springKey);
                if (value is not null && value.StartsWith(CipherPrefix, StringComparison.Ordinal))
                {
                    if (Decrypt(key, value[CipherPrefix.Length..]) is { } plain)
                    {
                        data[key] = plain;
                    }
                    else
                    {
                        data.Remove(key);
                    }

                    continue;
                }

                data[key] = value;
            }
        }

        if (environment.Version is { } version)
        {
            data["config:client:version"] = version;
        }

        if (environment.State is { } state)
        {
            data["config:client:state"] = state;
        }

        return new ConfigSnapshot(data.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), environment.Version, etag, fetchedAt);
    }

    private string? Decrypt(string key, string cipher)
    {
        if (!_decryptorMade)
        {
            // Made on the first cipher value only: deriving the key loads the crypto library, which start-up need not pay for.
            _decryptor = decryptorFactory();
            _decryptorMade = true;
        }

        if (_decryptor is not { } decryptor)
        {
            LeftEncrypted.Add(key);
            return CipherPrefix + cipher;
        }

        try
        {
            Encryption.CipherPrefix.Read(cipher, out var rest);
            return decryptor.Decrypt(rest);
        }
        catch (CryptographicException)
        {
            Undecryptable.Add(key);
            return null;
        }
    }
}
