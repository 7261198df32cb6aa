using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>Makes new keys and turns stored ones back into credentials.</summary>
internal static class KeyMaterial
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";

    public static SigningKeyRecord NewSigningKey(SigningKeyAlgorithm algorithm, DateTimeOffset now)
    {
        byte[] pkcs8;
        if (algorithm == SigningKeyAlgorithm.ES256)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        }
        else
        {
            using var rsa = RSA.Create(2048);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
        }

        return new SigningKeyRecord
        {
            Id = NewKeyId(),
            Use = SigningUse,
            Algorithm = algorithm == SigningKeyAlgorithm.ES256 ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256,
            Material = Convert.ToBase64String(pkcs8),
            CreatedAt = now,
        };
    }

    public static SigningKeyRecord NewEncryptionKey(DateTimeOffset now) => new()
    {
        Id = NewKeyId(),
        Use = EncryptionUse,
        Algorithm = SecurityAlgorithms.Aes256KW,
        Material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = now,
    };

    /// <summary>The stored signing key as credentials whose key carries its <c>kid</c>.</summary>
    public static SigningCredentials ToSigningCredentials(SigningKeyRecord record)
    {
        var pkcs8 = Convert.FromBase64String(record.Material);
        if (record.Algorithm == SecurityAlgorithms.EcdsaSha256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = record.Id }, SecurityAlgorithms.EcdsaSha256);
        }

        if (record.Algorithm == SecurityAlgorithms.RsaSha256)
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = record.Id }, SecurityAlgorithms.RsaSha256);
        }

        throw new InvalidOperationException($"Stored key '{record.Id}' has the unsupported algorithm '{record.Algorithm}'");
    }

    /// <summary>The stored encryption key, as OpenIddict uses a symmetric key for its own codes and refresh tokens.</summary>
    public static EncryptingCredentials ToEncryptingCredentials(SigningKeyRecord record) =>
        new(new SymmetricSecurityKey(Convert.FromBase64String(record.Material)) { KeyId = record.Id },
            SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);

    private static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
}
