using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Stratus.Management.Health;

/// <summary>One component of a health response: a registered check's result, or a synthetic one (<c>ping</c>, the state components).</summary>
internal sealed record HealthComponent(string Status, HealthReportEntry? Entry)
{
    public static readonly HealthComponent Up = new(SpringStatus.Up, null);

    public static SortedDictionary<string, HealthComponent> From(HealthReport report)
    {
        var components = new SortedDictionary<string, HealthComponent>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            components[name] = new HealthComponent(SpringStatus.From(entry), entry);
        }

        return components;
    }
}
