namespace OStock.LicensingService.Licenses;

/// <summary>A licence as the book's licensing-service stores it.</summary>
internal sealed class License
{
    public string LicenseId { get; set; } = "";

    public string OrganizationId { get; set; } = "";

    public string? Description { get; set; }

    public string ProductName { get; set; } = "";

    public string LicenseType { get; set; } = "";

    public string? Comment { get; set; }
}
