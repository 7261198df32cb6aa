namespace OStock.LicensingService.Licenses;

/// <summary>What a client sends on POST and PUT; every field may be missing, the rules name the ones that are.</summary>
internal sealed record LicenseBody(string? LicenseId, string? OrganizationId, string? Description, string? ProductName, string? LicenseType, string? Comment);
