using System.Collections.Concurrent;
using System.Globalization;
using Stratus.ConfigServer.Files;
using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Environment;

/// <summary>
/// Parsed files by content identity (a Git blob id, or path, size and time). A blob never changes, so an entry never
/// goes stale; broken files are cached as their error, so a hostile file costs one parse, not one per request.
/// </summary>
internal sealed class ConfigFileCache(int maxFileSize)
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, ConfigFile> _files = new(StringComparer.Ordinal);

    public int MaxFileSize => maxFileSize;

    public ConfigFile Get(ConfigBlob blob, bool yaml)
    {
        if (_files.TryGetValue(blob.Identity, out var cached))
        {
            return cached;
        }

        var parsed = Parse(blob, yaml);
        if (_files.Count >= MaxEntries)
        {
            _files.Clear();
        }

        _files[blob.Identity] = parsed;
        return parsed;
    }

    private ConfigFile Parse(ConfigBlob blob, bool yaml)
    {
        if (blob.Size > maxFileSize)
        {
            return ConfigFile.Failed(string.Create(CultureInfo.InvariantCulture, $"file is {blob.Size} bytes, over the limit of {maxFileSize} bytes"));
        }

        byte[] bytes;
        try
        {
            bytes = blob.Read();
        }
        catch (IOException e)
        {
            return ConfigFile.Failed("could not read the file: " + e.Message);
        }

        return yaml
            ? YamlFileParser.Parse(bytes, YamlLimits.Default with { MaxBytes = maxFileSize })
            : PropertiesFileParser.Parse(bytes);
    }
}
