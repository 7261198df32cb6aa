using System.Diagnostics;

namespace Stratus.Observability.Tests.Propagation;

/// <summary>A header carrier for <see cref="DistributedContextPropagator"/> calls, case-insensitive as HTTP is.</summary>
public sealed class Headers : Dictionary<string, string>
{
    public Headers()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public static void Get(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        value = ((Headers)carrier!).TryGetValue(name, out var found) ? found : null;
    }

    public static void Set(object? carrier, string name, string value) => ((Headers)carrier!)[name] = value;

    public static Headers Parse(string lines)
    {
        var headers = new Headers();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        return headers;
    }
}
