using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Stratus.Config.Client;

namespace Stratus.Config.Cache;

/// <summary>
/// The last good remote configuration on disk, encrypted at rest: AES-256-GCM with a key derived from
/// <c>Cache:Key</c> when one is set, else the user's ASP.NET Core data protection key ring. One file per application,
/// profiles, label and server list, written whole to a temporary file and renamed over the old one.
/// </summary>
internal sealed class SnapshotCache
{
    private const int Iterations = 100_000;
    private static readonly byte[] Magic = "STRCFG1"u8.ToArray();
    private readonly string _file;
    private readonly string? _key;

    public SnapshotCache(ConfigClientOptions options)
    {
        var folder = options.Cache.Path is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData, System.Environment.SpecialFolderOption.DoNotVerify), "stratus", "config-cache");
        var identity = string.Join('\n', options.Name, options.Profile, options.Label, options.Uri, options.Discovery.Enabled ? options.Discovery.ServiceId : string.Empty);
        var hash = Fnv1a64(identity).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        _file = System.IO.Path.Combine(folder, $"{Safe(options.Name!)}-{hash}.snapshot");
        _key = options.Cache.Key;
    }

    public string File => _file;

    public void Save(ConfigSnapshot snapshot)
    {
        var plain = Serialize(snapshot);
        var protectedBytes = _key is null ? DataProtector().Protect(plain) : SealWithKey(plain, _key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_file)!);
        var temp = _file + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Magic);
            stream.WriteByte(_key is null ? (byte)0 : (byte)1);
            stream.Write(protectedBytes);
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temp, _file, overwrite: true);
    }

    /// <summary>The saved snapshot, or <see langword="null"/> when there is none; throws <see cref="CryptographicException"/> or <see cref="FormatException"/> when it cannot be read.</summary>
    public ConfigSnapshot? Load()
    {
        if (!System.IO.File.Exists(_file))
        {
            return null;
        }

        var bytes = System.IO.File.ReadAllBytes(_file);
        if (bytes.Length < Magic.Length + 1 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new FormatException($"{_file} is not a Stratus config snapshot");
        }

        var body = bytes.AsSpan(Magic.Length + 1).ToArray();
        var plain = bytes[Magic.Length] switch
        {
            0 => DataProtector().Unprotect(body),
            1 when _key is not null => OpenWithKey(body, _key),
            _ => throw new CryptographicException("The snapshot was sealed with Cache:Key, which is not set now"),
        };
        return Deserialize(plain);
    }

    private static IDataProtector DataProtector() =>
        DataProtectionProvider.Create("Stratus.Config").CreateProtector("Stratus.Config.SnapshotCache.v1");

    private static byte[] SealWithKey(byte[] plain, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return [.. salt, .. nonce, .. tag, .. cipher];
    }

    private static byte[] OpenWithKey(byte[] sealedBytes, string passphrase)
    {
        const int Header = 16 + 12 + 16;
        if (sealedBytes.Length < Header)
        {
            throw new CryptographicException("The snapshot is truncated");
        }

        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), sealedBytes.AsSpan(0, 16), Iterations, HashAlgorithmName.SHA256, 32);
        var plain = new byte[sealedBytes.Length - Header];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(16, 12), sealedBytes.AsSpan(Header), sealedBytes.AsSpan(28, 16), plain);
        return plain;
    }

    private static byte[] Serialize(ConfigSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", snapshot.Version);
            json.WriteString("fetchedAt", snapshot.FetchedAt);
            json.WriteStartObject("data");
            foreach (var (key, value) in snapshot.Data)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ConfigSnapshot Deserialize(byte[] plain)
    {
        try
        {
            using var document = JsonDocument.Parse(plain);
            var root = document.RootElement;
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in root.GetProperty("data").EnumerateObject())
            {
                data[entry.Name] = entry.Value.GetString();
            }

            return new ConfigSnapshot(
                data.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
                root.GetProperty("version").GetString(),
                null,
                root.GetProperty("fetchedAt").GetDateTimeOffset());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException("The snapshot content is damaged: " + e.Message, e);
        }
    }

    /// <summary>A stable name for the file, cheap at start-up (no crypto library to load); not a security measure.</summary>
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray());
}
