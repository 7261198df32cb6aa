namespace OStock.LicensingService.Organizations;

/// <summary>The organisation's details, when known, and where they came from (see <see cref="Licenses.LicenseView"/>).</summary>
internal sealed record OrganizationLookup(OrganizationDetails? Details, string Status)
{
    public const string Available = "available";
    public const string Cached = "cached";
    public const string NotFound = "not-found";
    public const string Unavailable = "unavailable";
}
