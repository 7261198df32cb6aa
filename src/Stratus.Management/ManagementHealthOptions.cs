namespace Stratus.Management;

/// <summary>Settings of the <c>health</c> endpoint (Spring's <c>management.endpoint.health.*</c>).</summary>
public sealed class ManagementHealthOptions
{
    /// <summary>
    /// When components and their details are shown. Default <see cref="ManagementVisibility.WhenAuthorized"/>.
    /// Without details only the status (and, at the root, the group names) is returned.
    /// Spring: <c>management.endpoint.health.show-details</c> (which also decides <c>show-components</c> here).
    /// </summary>
    public ManagementVisibility ShowDetails { get; set; } = ManagementVisibility.WhenAuthorized;

    /// <summary>
    /// Extra health groups by name, served at <c>{base}/health/{name}</c>. Spring: <c>management.endpoint.health.group.*</c>.
    /// The built-in <c>liveness</c> and <c>readiness</c> groups may be listed too, to add members to them.
    /// </summary>
    public IDictionary<string, ManagementHealthGroupOptions> Groups { get; } = new Dictionary<string, ManagementHealthGroupOptions>(StringComparer.Ordinal);
}
