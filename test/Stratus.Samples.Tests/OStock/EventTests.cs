using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Samples.Tests.OStock;

/// <summary>Organisation-change events over a real RabbitMQ node: organization-service publishes, licensing-service evicts.</summary>
public sealed class EventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_organization_update_evicts_the_cached_details_in_licensing_service()
    {
        await using var rabbit = await RabbitMqNode.StartAsync("ostock", Ct);
        await using var fleet = new OStockFleet();
        var (_, organizationAddress) = await fleet.StartOrganizationAsync($"--Stratus:Messaging:RabbitMQ:Uri={rabbit.AmqpUri}");
        // Cached for an hour: only the event can make licensing-service ask again.
        var (licensingService, licensingAddress) = await fleet.StartLicensingAsync(
            $"--Stratus:Messaging:RabbitMQ:Uri={rabbit.AmqpUri}",
            "--Stratus:Messaging:Bindings:orgChangeTopic:Group=licensing",
            $"--OStock:OrganizationService:BaseAddress={organizationAddress}",
            "--OStock:OrganizationCache:TimeToLive=01:00:00");
        using var organizations = new HttpClient { BaseAddress = organizationAddress };
        using var licenses = new HttpClient { BaseAddress = licensingAddress };
        await OStockFleet.PostAsync(organizations, "v1/organization", new { id = "org-1", name = "Before", contactName = "Ann", contactEmail = "ann@x.example" });
        await OStockFleet.PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
        var first = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        Assert.Equal("Before", first.GetProperty("organizationName").GetString());
        var cached = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        Assert.Equal("cached", cached.GetProperty("organizationDetails").GetString());

        using (var update = await organizations.PutAsJsonAsync("v1/organization/org-1", new { name = "After", contactName = "Ann", contactEmail = "ann@x.example" }, Ct))
        {
            update.EnsureSuccessStatusCode();
        }

        await OStockFleet.WaitUntilAsync(async () =>
            (await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct)).GetProperty("organizationName").GetString() == "After",
            "the organisation-change event to evict the cached details");
        Assert.Contains("OrganizationEvicted", licensingService.Output, StringComparison.Ordinal);
    }
}
