namespace Stratus.Management;

/// <summary>Members of a health group.</summary>
public sealed class ManagementHealthGroupOptions
{
    /// <summary>
    /// Health check names or tags whose checks belong to the group. Default none (the group is then <c>UP</c>).
    /// Spring: <c>management.endpoint.health.group.{name}.include</c>.
    /// </summary>
    public IList<string> Include { get; } = [];
}
