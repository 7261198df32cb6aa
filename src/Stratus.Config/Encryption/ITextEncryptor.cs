namespace Stratus.Config.Encryption;

/// <summary>Encrypts and decrypts property values in one of Spring Cloud Config's wire formats.</summary>
internal interface ITextEncryptor
{
    /// <summary>Encrypts <paramref name="plainText"/> and returns the text that follows <c>{cipher}</c>.</summary>
    string Encrypt(string plainText);

    /// <summary>Decrypts the text that follows <c>{cipher}</c>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it was not encrypted with this key.</summary>
    string Decrypt(string cipherText);
}
