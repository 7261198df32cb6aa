using System.Security.Cryptography;
using Stratus.Config.Encryption;

namespace Stratus.Config.Tests.Encryption;

/// <summary>
/// Spring's symmetric cipher format. The golden vectors were made with the JDK's own JCE
/// (<c>PBKDF2WithHmacSHA1</c>, 1024 iterations, 256 bits; <c>AES/CBC/PKCS5Padding</c>; output hex(IV ‖ cipher text)),
/// independently of this code, with fixed IVs so they are reproducible.
/// </summary>
public sealed class SpringTextEncryptorTests
{
    [Theory]
    [InlineData("foo", "deadbeef", "000102030405060708090a0b0c0d0e0f92c516ebbdf9aecbb68f22247c57812d", "mysecret")]
    [InlineData("correct horse", "5c0744940b5c369b", JdbcCipher, "jdbc:postgresql://db/licensing?password=p@ss")]
    public void Decrypts_what_the_JDK_encrypted(string password, string salt, string cipher, string expected) =>
        Assert.Equal(expected, new SpringTextEncryptor(password, salt).Decrypt(cipher));

    [Fact]
    public void Round_trips_with_a_fresh_IV_each_time()
    {
        var encryptor = new SpringTextEncryptor("foo", "deadbeef");

        var first = encryptor.Encrypt("value");
        var second = encryptor.Encrypt("value");

        Assert.NotEqual(first, second);
        Assert.Equal("value", encryptor.Decrypt(first));
        Assert.Equal("value", encryptor.Decrypt(second));
    }

    [Theory]
    [InlineData("not hex")]
    [InlineData("00ff")]
    [InlineData("000102030405060708090a0b0c0d0e0f92c516ebbdf9aecbb68f22247c57812e")]
    public void Refuses_text_not_encrypted_with_this_key(string cipher) =>
        Assert.ThrowsAny<CryptographicException>(() => new SpringTextEncryptor("foo", "deadbeef").Decrypt(cipher));

    [Fact]
    public void Wrong_key_fails() =>
        Assert.ThrowsAny<CryptographicException>(() => new SpringTextEncryptor("bar", "deadbeef").Decrypt("000102030405060708090a0b0c0d0e0f92c516ebbdf9aecbb68f22247c57812d"));

    private const string JdbcCipher = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafc1673f4d1e3706f277c495d5c52e36e2646dff5669b304931c115fc3300999ff0a90c0011848f7e0089e6bcac0a7987d";
}
