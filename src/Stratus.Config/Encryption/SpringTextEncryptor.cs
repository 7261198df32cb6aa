using System.Security.Cryptography;
using System.Text;

namespace Stratus.Config.Encryption;

/// <summary>
/// Spring Security's <c>Encryptors.text(password, salt)</c> format, which Spring Cloud Config uses for a symmetric
/// <c>encrypt.key</c>: lowercase hex of a random 16-byte IV followed by AES-256-CBC (PKCS#7 padding) of the UTF-8 text,
/// with the key derived by PBKDF2-HMAC-SHA1 from the passphrase and the hex-decoded salt, 1024 iterations.
/// </summary>
internal sealed class SpringTextEncryptor : ITextEncryptor
{
    private const int Iterations = 1024;
    private readonly byte[] _key;

    public SpringTextEncryptor(string password, string saltHex)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        byte[] salt;
        try
        {
            salt = Convert.FromHexString(saltHex);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The encryption salt must be hex, like Spring's default 'deadbeef'", nameof(saltHex));
        }

        _key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA1, 32);
    }

    public string Encrypt(string plainText)
    {
        using var aes = Aes.Create();
        aes.Key = _key;
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plainText), iv, PaddingMode.PKCS7);
        return Convert.ToHexStringLower(iv) + Convert.ToHexStringLower(cipher);
    }

    public string Decrypt(string cipherText)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(cipherText.Trim());
        }
        catch (FormatException)
        {
            throw new CryptographicException("The cipher text is not hex");
        }

        if (bytes.Length < 32 || bytes.Length % 16 != 0)
        {
            throw new CryptographicException("The cipher text has the wrong length");
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(bytes.AsSpan(16), bytes.AsSpan(0, 16), PaddingMode.PKCS7);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw new CryptographicException("The cipher text was not encrypted with this key");
        }
    }
}
