using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Stratus.Samples.Tests.OStock;

public sealed class OrganizationServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Organization_create_read_update_delete_round_trip()
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartOrganizationAsync();
        using var client = new HttpClient { BaseAddress = address };

        using var created = await client.PostAsJsonAsync("v1/organization", new { name = "Ostock", contactName = "Ann Smith", contactEmail = "ann@ostock.example", contactPhone = "+1 555 0100" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/organization/{id}", created.Headers.Location?.ToString());

        var read = await client.GetFromJsonAsync<JsonElement>($"v1/organization/{id}", Ct);
        Assert.Equal("Ostock", read.GetProperty("name").GetString());
        Assert.Equal("Ann Smith", read.GetProperty("contactName").GetString());
        Assert.Equal("ann@ostock.example", read.GetProperty("contactEmail").GetString());
        Assert.Equal("+1 555 0100", read.GetProperty("contactPhone").GetString());

        using var updated = await client.PutAsJsonAsync($"v1/organization/{id}", new { id, name = "Ostock Ltd", contactName = "Bob", contactEmail = "bob@ostock.example" }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        read = await client.GetFromJsonAsync<JsonElement>($"v1/organization/{id}", Ct);
        Assert.Equal("Ostock Ltd", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("contactPhone").ValueKind);

        using var deleted = await client.DeleteAsync($"v1/organization/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"v1/organization/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Unknown_organization_is_404_for_read_update_and_delete_and_a_duplicate_id_is_409()
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartOrganizationAsync();
        using var client = new HttpClient { BaseAddress = address };

        using var get = await client.GetAsync("v1/organization/nobody", Ct);
        using var put = await client.PutAsJsonAsync("v1/organization/nobody", new { name = "n", contactName = "c", contactEmail = "c@x.example" }, Ct);
        using var delete = await client.DeleteAsync("v1/organization/nobody", Ct);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, put.StatusCode, delete.StatusCode });
        Assert.Contains("nobody", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await OStockFleet.PostAsync(client, "v1/organization", new { id = "org-1", name = "n", contactName = "c", contactEmail = "c@x.example" });
        using var again = await client.PostAsJsonAsync("v1/organization", new { id = "org-1", name = "n", contactName = "c", contactEmail = "c@x.example" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "POST", """{"contactName":"c","contactEmail":"c@x.example"}""", "name" },
        { "POST", """{"name":"  ","contactName":"c","contactEmail":"c@x.example"}""", "name" },
        { "POST", """{"name":"n","contactEmail":"c@x.example"}""", "contactName" },
        { "POST", """{"name":"n","contactName":"c","contactEmail":"not-an-address"}""", "contactEmail" },
        { "POST", """{"name":"n","contactName":"c","contactEmail":"c@x.example","contactPhone":"call me"}""", "contactPhone" },
        { "POST", """{"id":"has space","name":"n","contactName":"c","contactEmail":"c@x.example"}""", "id" },
        { "POST", """{"name":"%s","contactName":"c","contactEmail":"c@x.example"}""".Replace("%s", new string('x', 101), StringComparison.Ordinal), "name" },
        { "PUT", """{"id":"other","name":"n","contactName":"c","contactEmail":"c@x.example"}""", "id" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Invalid_organization_is_400_problem_naming_the_field_and_changes_nothing(string method, string json, string field)
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartOrganizationAsync();
        using var client = new HttpClient { BaseAddress = address };
        await OStockFleet.PostAsync(client, "v1/organization", new { id = "org-1", name = "n", contactName = "c", contactEmail = "c@x.example" });

        using var request = new HttpRequestMessage(new HttpMethod(method), method == "PUT" ? "v1/organization/org-1" : "v1/organization")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(["organization_id=org-1|name=n|contact_name=c|contact_email=c@x.example|contact_phone=NULL"],
            OStockFleet.Rows(fleet.OrganizationDb, "organizations", "organization_id"));
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_that_says_what_was_wrong()
    {
        await using var fleet = new OStockFleet();
        var (_, address) = await fleet.StartOrganizationAsync();
        using var client = new HttpClient { BaseAddress = address };

        using var response = await client.PostAsync("v1/organization", new StringContent("""{"name":""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
