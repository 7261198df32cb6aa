namespace Stratus.Management;

/// <summary>
/// Settings of the actuator endpoints, bound from <c>Stratus:Management</c>. Read once, when
/// <c>app.MapStratusManagement()</c> maps the endpoints; changing them needs a restart.
/// </summary>
public sealed class ManagementOptions
{
    /// <summary>Configuration section: <c>Stratus:Management</c>.</summary>
    public const string SectionName = "Stratus:Management";

    /// <summary>
    /// Path under which every endpoint is mapped. Default <c>/actuator</c>.
    /// Spring: <c>management.endpoints.web.base-path</c>.
    /// </summary>
    public string BasePath { get; set; } = "/actuator";

    /// <summary>Which endpoints are mapped. Default: <c>health</c> and <c>info</c> only.</summary>
    public ManagementExposureOptions Exposure { get; } = new();

    /// <summary>
    /// Name of an authorization policy a remote, authenticated caller must satisfy to reach sensitive endpoints (all but
    /// <c>health</c> and <c>info</c>). Default none: any authenticated caller is enough. Loopback callers need neither.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>Settings of the <c>health</c> endpoint.</summary>
    public ManagementHealthOptions Health { get; } = new();

    /// <summary>Settings of the <c>env</c> endpoint.</summary>
    public ManagementValuesOptions Env { get; } = new();

    /// <summary>Settings of the <c>configprops</c> endpoint.</summary>
    public ManagementValuesOptions ConfigProps { get; } = new();

    /// <summary>Settings of the <c>metrics</c> and <c>prometheus</c> endpoints.</summary>
    public ManagementMetricsOptions Metrics { get; } = new();
}
