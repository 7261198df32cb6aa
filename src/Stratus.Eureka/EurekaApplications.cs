namespace Stratus.Eureka;

/// <summary>A registry listing (<c>applications</c> on the wire), full or delta.</summary>
/// <param name="VersionsDelta">The <c>versions__delta</c> value.</param>
/// <param name="AppsHashCode">The <c>apps__hashcode</c> reconcile hash, for example <c>UP_2_DOWN_1_</c>.</param>
/// <param name="Applications">The applications.</param>
public sealed record EurekaApplications(string VersionsDelta, string AppsHashCode, IReadOnlyList<EurekaApplication> Applications);
