namespace OStock.LicensingService.Organizations;

/// <summary>How long organisation details are reused before organization-service is asked again (<c>OStock:OrganizationCache</c>).</summary>
internal sealed class OrganizationCacheOptions
{
    /// <summary>Default 30 seconds; zero asks organization-service on every read.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromSeconds(30);
}
