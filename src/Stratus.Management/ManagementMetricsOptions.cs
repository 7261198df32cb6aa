namespace Stratus.Management;

/// <summary>Settings of the <c>metrics</c> and <c>prometheus</c> endpoints.</summary>
public sealed class ManagementMetricsOptions
{
    /// <summary>
    /// Extra meter names (wildcards such as <c>MyCompany.*</c> allowed) to add to the OpenTelemetry meter provider. Default
    /// none: which meters are on is otherwise decided by whoever configures OpenTelemetry (Stratus.Observability).
    /// Read once, by <c>AddStratusManagement</c>.
    /// </summary>
    public IList<string> Meters { get; } = [];
}
