namespace Stratus.Management;

/// <summary>Settings of an endpoint that shows configuration values (<c>env</c>, <c>configprops</c>).</summary>
public sealed class ManagementValuesOptions
{
    /// <summary>
    /// When values are shown; otherwise each is <c>******</c>. Values of secret-looking keys are masked always.
    /// Default <see cref="ManagementVisibility.WhenAuthorized"/>. Spring: <c>management.endpoint.env.show-values</c>
    /// and <c>management.endpoint.configprops.show-values</c>.
    /// </summary>
    public ManagementVisibility ShowValues { get; set; } = ManagementVisibility.WhenAuthorized;
}
