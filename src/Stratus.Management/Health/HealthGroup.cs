using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Stratus.Management.Health;

/// <summary>
/// A health group: registered checks chosen by tag or name, plus, for the built-in groups, Spring's state component
/// (<c>livenessState</c>, always UP while the process answers; <c>readinessState</c>, from <see cref="ApplicationAvailability"/>).
/// </summary>
internal sealed class HealthGroup(string name, IReadOnlyCollection<string> include, string? stateComponent)
{
    public const string Liveness = "liveness";
    public const string Readiness = "readiness";

    public string Name => name;

    public string? StateComponent => stateComponent;

    public bool Contains(HealthCheckRegistration registration) =>
        include.Contains(registration.Name) || registration.Tags.Any(include.Contains);

    public static IReadOnlyDictionary<string, HealthGroup> Create(ManagementHealthOptions options)
    {
        var groups = new SortedDictionary<string, HealthGroup>(StringComparer.Ordinal);
        foreach (var (groupName, group) in options.Groups)
        {
            var members = new HashSet<string>(group.Include.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparer.Ordinal);
            groups[groupName] = Build(groupName, members);
        }

        groups.TryAdd(Liveness, Build(Liveness, []));
        groups.TryAdd(Readiness, Build(Readiness, []));
        return groups;
    }

    private static HealthGroup Build(string name, HashSet<string> members)
    {
        // The built-in groups take checks tagged as ASP.NET Core's probe samples do: "live" and "ready".
        switch (name)
        {
            case Liveness:
                members.Add("live");
                return new HealthGroup(name, members, "livenessState");
            case Readiness:
                members.Add("ready");
                return new HealthGroup(name, members, "readinessState");
            default:
                return new HealthGroup(name, members, null);
        }
    }
}
