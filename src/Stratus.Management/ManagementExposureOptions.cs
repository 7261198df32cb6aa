namespace Stratus.Management;

/// <summary>
/// Which endpoints are exposed over HTTP, as Spring's <c>management.endpoints.web.exposure.*</c>. Entries may also be
/// one comma-separated string. An endpoint not exposed is not mapped at all (404).
/// </summary>
public sealed class ManagementExposureOptions
{
    /// <summary>
    /// Endpoint ids to expose; <c>*</c> means all. Default (empty): <c>health</c> and <c>info</c>.
    /// Spring: <c>management.endpoints.web.exposure.include</c>.
    /// </summary>
    public IList<string> Include { get; } = [];

    /// <summary>
    /// Endpoint ids not to expose, even if included; <c>*</c> means all. Default none.
    /// Spring: <c>management.endpoints.web.exposure.exclude</c>.
    /// </summary>
    public IList<string> Exclude { get; } = [];
}
