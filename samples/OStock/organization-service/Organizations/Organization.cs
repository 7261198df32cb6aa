namespace OStock.OrganizationService.Organizations;

/// <summary>An organisation, as the book's organization-service stores and answers it.</summary>
internal sealed class Organization
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ContactName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public string? ContactPhone { get; set; }
}
