using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Stratus.Config.Encryption;
using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Encryption;

/// <summary>
/// Decrypts <c>{cipher}</c> values as Spring's environment encryptor does: a decrypted property moves to the end of its
/// source; one that cannot be decrypted is replaced by <c>invalid.{key}</c> = <c>&lt;n/a&gt;</c> and logged by key only.
/// Without an installed key, or with server-side decryption off, values pass through for the client to decrypt.
/// </summary>
internal sealed partial class CipherEnvironmentDecryptor(CipherKeys keys, ILogger<CipherEnvironmentDecryptor> logger) : IEnvironmentDecryptor
{
    private const string CipherPrefixText = "{cipher}";

    public ConfigEnvironment Decrypt(ConfigEnvironment environment)
    {
        if (!keys.Installed || !keys.DecryptOnServer || !HasCipher(environment))
        {
            return environment;
        }

        var sources = ImmutableArray.CreateBuilder<PropertySourceData>(environment.PropertySources.Length);
        foreach (var source in environment.PropertySources)
        {
            var plain = new List<FlatProperty>(source.Properties.Length);
            var decrypted = new List<FlatProperty>();
            foreach (var property in source.Properties)
            {
                if (!IsCipher(property))
                {
                    plain.Add(property);
                    continue;
                }

                decrypted.Add(DecryptOne(property));
            }

            sources.Add(decrypted.Count == 0 ? source : source with { Properties = [.. plain, .. decrypted] });
        }

        return environment.WithSources(sources.MoveToImmutable());
    }

    private FlatProperty DecryptOne(FlatProperty property)
    {
        var prefixes = CipherPrefix.Read(property.Value.Text[CipherPrefixText.Length..], out var cipher);
        try
        {
            var encryptor = keys.Locate(prefixes) ?? throw new CryptographicException("no key is installed for this cipher's {key:…} prefix");
            return property with { Value = ConfigScalar.String(encryptor.Decrypt(cipher)) };
        }
        catch (CryptographicException e)
        {
            LogCannotDecrypt(logger, property.Key, e.Message);
            return property with { Key = "invalid." + property.Key, Value = ConfigScalar.String("<n/a>") };
        }
    }

    private static bool HasCipher(ConfigEnvironment environment) =>
        environment.PropertySources.Any(s => s.Properties.Any(IsCipher));

    private static bool IsCipher(FlatProperty property) =>
        property.Value.Kind == ScalarKind.String && property.Value.Text.StartsWith(CipherPrefixText, StringComparison.Ordinal);

    [LoggerMessage(EventId = 1120, EventName = "CannotDecrypt", Level = LogLevel.Warning, Message = "Cannot decrypt key: {Key} ({Reason})")]
    private static partial void LogCannotDecrypt(ILogger logger, string key, string reason);
}
