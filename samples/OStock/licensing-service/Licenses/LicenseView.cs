namespace OStock.LicensingService.Licenses;

/// <summary>
/// A licence as reads answer it: the stored fields, the configured comment, and the organisation's details from
/// organization-service. <see cref="OrganizationDetails"/> says where those came from: <c>available</c> (just
/// fetched), <c>cached</c>, <c>not-found</c> (organization-service does not know the organisation) or
/// <c>unavailable</c> (organization-service could not be reached; the organisation fields are null).
/// </summary>
internal sealed record LicenseView(
    string LicenseId,
    string OrganizationId,
    string? Description,
    string ProductName,
    string LicenseType,
    string? Comment,
    string? OrganizationName,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    string OrganizationDetails);
