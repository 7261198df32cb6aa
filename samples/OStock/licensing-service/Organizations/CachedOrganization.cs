namespace OStock.LicensingService.Organizations;

/// <summary>
/// Organisation details fetched from organization-service, kept in the service's database (state outlives the
/// process and is shared by every instance) until <see cref="ExpiresAtUnixMs"/>. Milliseconds since the epoch, not
/// a DateTimeOffset, so SQLite compares them too.
/// </summary>
internal sealed class CachedOrganization
{
    public string OrganizationId { get; set; } = "";

    public string? Name { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public long ExpiresAtUnixMs { get; set; }
}
