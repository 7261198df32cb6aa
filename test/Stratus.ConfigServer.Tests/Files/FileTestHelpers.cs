using System.Text;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Tests.Files;

/// <summary>Shortcuts for reading parser results in tests.</summary>
internal static class FileTestHelpers
{
    public static ConfigFile Yaml(string text) => YamlFileParser.Parse(Encoding.UTF8.GetBytes(text), YamlLimits.Default);

    public static ConfigFile Properties(string text) => PropertiesFileParser.Parse(Encoding.UTF8.GetBytes(text));

    public static ConfigDocument Single(ConfigFile file)
    {
        Assert.Null(file.Error);
        return Assert.Single(file.Documents);
    }

    public static Dictionary<string, string> Map(ConfigDocument document) =>
        document.Properties.ToDictionary(p => p.Key, p => p.Value.Text, StringComparer.Ordinal);

    public static FlatProperty Get(ConfigDocument document, string key) => document.Properties.Single(p => p.Key == key);
}
