namespace Stratus.Management;

/// <summary>
/// When an endpoint shows details or values (Spring's <c>show-details</c> and <c>show-values</c>).
/// </summary>
public enum ManagementVisibility
{
    /// <summary>Never: only statuses, and every value is <c>******</c>.</summary>
    Never,

    /// <summary>Only to callers on loopback or authenticated callers (satisfying <see cref="ManagementOptions.AuthorizationPolicy"/> when set).</summary>
    WhenAuthorized,

    /// <summary>To every caller that may reach the endpoint.</summary>
    Always,
}
