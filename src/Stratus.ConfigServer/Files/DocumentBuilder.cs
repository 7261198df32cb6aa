using System.Collections.Immutable;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Collects the flattened properties of one document like Spring's <c>LinkedHashMap</c>: a repeated key keeps its first
/// position and takes the last value and origin. Then reads the document's activation properties.
/// </summary>
internal sealed class DocumentBuilder
{
    private const string OnProfileKey = "spring.config.activate.on-profile";
    private const string OnCloudPlatformKey = "spring.config.activate.on-cloud-platform";

    private readonly List<FlatProperty> _properties = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count => _properties.Count;

    public void Add(string key, ConfigScalar value, int line, int column)
    {
        var property = new FlatProperty(key, value, line, column);
        if (_index.TryGetValue(key, out var position))
        {
            _properties[position] = property;
        }
        else
        {
            _index.Add(key, _properties.Count);
            _properties.Add(property);
        }
    }

    public ConfigDocument Build()
    {
        var properties = _properties.ToImmutableArray();
        return new ConfigDocument(properties, OnProfile(), OnCloudPlatform());
    }

    // Boot binds on-profile as a String[]: a plain value (comma-separated) wins over indexed elements.
    private string? OnProfile()
    {
        if (_index.TryGetValue(OnProfileKey, out var plain))
        {
            var text = _properties[plain].Value.Text;
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        var items = new List<string>();
        for (var i = 0; _index.TryGetValue(OnProfileKey + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", out var at); i++)
        {
            items.Add(_properties[at].Value.Text);
        }

        return items.Count == 0 ? null : string.Join(',', items);
    }

    private bool OnCloudPlatform() =>
        _index.TryGetValue(OnCloudPlatformKey, out var at) && !string.IsNullOrWhiteSpace(_properties[at].Value.Text);
}
