using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Stratus.Samples.Tests.OStock;

public sealed class LicensingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>No organization-service anywhere: a closed loopback port as its address.</summary>
    private static string NoOrganizationService => $"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/";

    [Fact]
    public async Task License_create_list_read_update_delete_round_trip()
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartLicensingAsync(NoOrganizationService);
        using var client = new HttpClient { BaseAddress = address };

        using var created = await client.PostAsJsonAsync("v1/organization/org-1/license", new { description = "Software product", productName = "Ostock", licenseType = "full" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("licenseId").GetString()!;
        Assert.Equal($"/v1/organization/org-1/license/{id}", created.Headers.Location?.ToString());
        await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-2", productName = "Stock", licenseType = "complete", comment = "stored" });
        await OStockFleet.PostAsync(client, "v1/organization/org-2/license", new { licenseId = "lic-3", productName = "Other", licenseType = "full" });

        var list = await client.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license", Ct);
        Assert.Equal(new[] { id, "lic-2" }.Order(StringComparer.Ordinal), list.EnumerateArray().Select(l => l.GetProperty("licenseId").GetString()!));

        var read = await client.GetFromJsonAsync<JsonElement>($"v1/organization/org-1/license/{id}", Ct);
        Assert.Equal("Ostock", read.GetProperty("productName").GetString());
        Assert.Equal("full", read.GetProperty("licenseType").GetString());
        Assert.Equal("Software product", read.GetProperty("description").GetString());
        Assert.Equal("org-1", read.GetProperty("organizationId").GetString());

        using var updated = await client.PutAsJsonAsync($"v1/organization/org-1/license/{id}", new { productName = "Ostock 2", licenseType = "complete" }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        read = await client.GetFromJsonAsync<JsonElement>($"v1/organization/org-1/license/{id}", Ct);
        Assert.Equal("Ostock 2", read.GetProperty("productName").GetString());

        // A licence is only found under its own organisation.
        using var wrongOrganization = await client.GetAsync("v1/organization/org-2/license/lic-2", Ct);
        Assert.Equal(HttpStatusCode.NotFound, wrongOrganization.StatusCode);

        using var deleted = await client.DeleteAsync($"v1/organization/org-1/license/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"v1/organization/org-1/license/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var deleteAgain = await client.DeleteAsync($"v1/organization/org-1/license/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        using var putUnknown = await client.PutAsJsonAsync("v1/organization/org-1/license/nope", new { productName = "p", licenseType = "t" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, putUnknown.StatusCode);
    }

    [Fact]
    public async Task Comment_comes_from_configuration_when_example_property_is_set()
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartLicensingAsync(NoOrganizationService, "--example:property=I AM THE DEFAULT");
        using var client = new HttpClient { BaseAddress = address };
        await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full", comment = "stored" });

        var read = await client.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);

        Assert.Equal("I AM THE DEFAULT", read.GetProperty("comment").GetString());
    }

    public static TheoryData<string, string, string, string> BadLicenses => new()
    {
        { "POST", "org-1", """{"licenseType":"full"}""", "productName" },
        { "POST", "org-1", """{"productName":"p"}""", "licenseType" },
        { "POST", "org-1", """{"productName":"p","licenseType":"full","organizationId":"org-2"}""", "organizationId" },
        { "POST", "org-1", """{"licenseId":"a/b","productName":"p","licenseType":"full"}""", "licenseId" },
        { "POST", "org-1", """{"productName":"p","licenseType":"full","description":"%s"}""".Replace("%s", new string('d', 501), StringComparison.Ordinal), "description" },
        { "POST", "bad org", """{"productName":"p","licenseType":"full"}""", "organizationId" },
        { "PUT", "org-1", """{"licenseId":"other","productName":"p","licenseType":"full"}""", "licenseId" },
        { "PUT", "org-1", """{"productName":"","licenseType":"full"}""", "productName" },
    };

    [Theory]
    [MemberData(nameof(BadLicenses))]
    public async Task Invalid_license_is_400_problem_naming_the_field_and_changes_nothing(string method, string organizationId, string json, string field)
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartLicensingAsync(NoOrganizationService);
        using var client = new HttpClient { BaseAddress = address };
        await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
        var before = OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id");

        var path = $"v1/organization/{Uri.EscapeDataString(organizationId)}/license" + (method == "PUT" ? "/lic-1" : "");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id"));
    }

    [Fact]
    public async Task License_read_carries_organization_details_from_organization_service_found_through_the_registry_and_survives_its_stop()
    {
        await using var fleet = new OStockFleet();
        await fleet.StartRegistryAsync();
        var (organizationService, organizationAddress) = await fleet.StartOrganizationAsync();
        // No cache, so every read asks organization-service.
        var (_, licensingAddress) = await fleet.StartLicensingAsync("--OStock:OrganizationCache:TimeToLive=00:00:00");
        using var organizations = new HttpClient { BaseAddress = organizationAddress };
        using var licenses = new HttpClient { BaseAddress = licensingAddress };
        await OStockFleet.PostAsync(organizations, "v1/organization", new { id = "e254f8c-c442-4ebe", name = "HR-PowerSuite", contactName = "Doug Drewry", contactEmail = "doug.drewry@hr.example", contactPhone = "920-555-1212" });
        await OStockFleet.PostAsync(licenses, "v1/organization/e254f8c-c442-4ebe/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });

        // licensing-service learns organization-service's address from the registry (by its logical name) a moment after it registered.
        JsonElement read = default;
        await OStockFleet.WaitUntilAsync(async () =>
        {
            using var response = await licenses.GetAsync("v1/organization/e254f8c-c442-4ebe/license/lic-1", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            read = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return read.GetProperty("organizationDetails").GetString() == "available";
        }, "licensing-service to reach organization-service through the registry");
        Assert.Equal("HR-PowerSuite", read.GetProperty("organizationName").GetString());
        Assert.Equal("Doug Drewry", read.GetProperty("contactName").GetString());
        Assert.Equal("doug.drewry@hr.example", read.GetProperty("contactEmail").GetString());
        Assert.Equal("920-555-1212", read.GetProperty("contactPhone").GetString());

        await organizationService.StopAsync();

        using var afterStop = await licenses.GetAsync("v1/organization/e254f8c-c442-4ebe/license/lic-1", Ct);
        Assert.Equal(HttpStatusCode.OK, afterStop.StatusCode);
        Assert.Equal("unavailable", Assert.Single(afterStop.Headers.GetValues("OStock-Organization-Details")));
        read = await afterStop.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("unavailable", read.GetProperty("organizationDetails").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("organizationName").ValueKind);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("contactEmail").ValueKind);
        Assert.Equal("Ostock", read.GetProperty("productName").GetString());

        using var listAfterStop = await licenses.GetAsync("v1/organization/e254f8c-c442-4ebe/license", Ct);
        Assert.Equal(HttpStatusCode.OK, listAfterStop.StatusCode);
        Assert.Equal("unavailable", Assert.Single(listAfterStop.Headers.GetValues("OStock-Organization-Details")));
    }

    [Fact]
    public async Task Organization_details_are_cached_and_an_unknown_organization_is_marked_not_found()
    {
        await using var fleet = new OStockFleet();
        var (organizationService, organizationAddress) = await fleet.StartOrganizationAsync();
        var (_, licensingAddress) = await fleet.StartLicensingAsync($"--OStock:OrganizationService:BaseAddress={organizationAddress}", "--OStock:OrganizationCache:TimeToLive=01:00:00");
        using var organizations = new HttpClient { BaseAddress = organizationAddress };
        using var licenses = new HttpClient { BaseAddress = licensingAddress };
        await OStockFleet.PostAsync(organizations, "v1/organization", new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example" });
        await OStockFleet.PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
        await OStockFleet.PostAsync(licenses, "v1/organization/org-9/license", new { licenseId = "lic-9", productName = "Ostock", licenseType = "full" });

        var first = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        var unknown = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-9/license/lic-9", Ct);
        await organizationService.StopAsync();
        var second = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);

        Assert.Equal("available", first.GetProperty("organizationDetails").GetString());
        Assert.Equal("not-found", unknown.GetProperty("organizationDetails").GetString());
        Assert.Equal("cached", second.GetProperty("organizationDetails").GetString());
        Assert.Equal("Ostock", second.GetProperty("organizationName").GetString());
    }
}
