namespace OStock.OrganizationService.Organizations;

/// <summary>What a client sends on POST and PUT; every field may be missing, the validator names the ones that are.</summary>
internal sealed record OrganizationBody(string? Id, string? Name, string? ContactName, string? ContactEmail, string? ContactPhone);
