namespace OStock.LicensingService.Organizations;

/// <summary>organization-service's answer to <c>GET /v1/organization/{id}</c>.</summary>
internal sealed record OrganizationDetails(string? Id, string? Name, string? ContactName, string? ContactEmail, string? ContactPhone);
