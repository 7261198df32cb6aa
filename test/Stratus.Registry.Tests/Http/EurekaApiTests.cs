using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Stratus.Registry.Tests.Http;

/// <summary>The Eureka REST API against a real registry on Kestrel, asserted on the wire.</summary>
public sealed class EurekaApiTests : IAsyncLifetime
{
    private RegistryServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await RegistryServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Registration_returns_204_and_is_visible_to_the_next_fetch()
    {
        using var response = await _server.RegisterAsync("CUSTOMERS", "host1:customers:8080");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var doc = JsonDocument.Parse(await _server.GetAppsJsonAsync());
        var apps = doc.RootElement.GetProperty("applications");
        Assert.Equal("UP_1_", apps.GetProperty("apps__hashcode").GetString());
        var instance = apps.GetProperty("application")[0].GetProperty("instance")[0];
        Assert.Equal("host1:customers:8080", instance.GetProperty("instanceId").GetString());
        Assert.Equal("CUSTOMERS", instance.GetProperty("app").GetString());
        Assert.Equal("true", instance.GetProperty("port").GetProperty("@enabled").GetString());
        Assert.Equal("ADDED", instance.GetProperty("actionType").GetString());
        Assert.Equal("false", instance.GetProperty("isCoordinatingDiscoveryServer").GetString());
    }

    [Fact]
    public async Task Listing_is_xml_by_default_and_json_when_accepted()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var xml = await _server.Client.GetAsync("eureka/apps", Ct);
        Assert.Equal("application/xml", xml.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<applications>\n  <versions__delta>", await xml.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.StartsWith("{\"applications\":{\"versions__delta\":", await _server.GetAppsJsonAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_is_served_when_accepted_and_decompresses_to_the_plain_bytes()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        var plain = await _server.GetAppsJsonAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "eureka/apps");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(Ct), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        Assert.Equal(plain, await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Renewal_returns_200_and_unknown_instance_returns_404()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var known = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP", null, Ct);
        using var unknown = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/nope?status=UP", null, Ct);
        using var unknownApp = await _server.Client.PutAsync("eureka/apps/NOPE/c1?status=UP", null, Ct);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownApp.StatusCode);
    }

    [Fact]
    public async Task Renewal_with_a_newer_client_dirty_timestamp_asks_for_registration_again()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1", RegistryServer.Registration("CUSTOMERS", "c1", lastDirty: 1000))).Dispose();

        using var newer = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP&lastDirtyTimestamp=2000", null, Ct);
        using var older = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP&lastDirtyTimestamp=500", null, Ct);
        using var same = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP&lastDirtyTimestamp=1000", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, newer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Cancel_removes_the_instance_and_unknown_returns_404()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var cancel = await _server.Client.DeleteAsync("eureka/apps/CUSTOMERS/c1", Ct);
        using var again = await _server.Client.DeleteAsync("eureka/apps/CUSTOMERS/c1", Ct);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("\"application\":[]", await _server.GetAppsJsonAsync(), StringComparison.Ordinal);
        Assert.Contains("\"actionType\":\"DELETED\"", await _server.GetAppsJsonAsync("eureka/apps/delta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_override_sticks_across_renewals_and_its_removal_forces_reregistration()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var set = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1/status?value=OUT_OF_SERVICE", null, Ct);
        using var renew = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP", null, Ct);
        var afterOverride = await _server.GetAppsJsonAsync("eureka/apps/CUSTOMERS/c1");
        using var remove = await _server.Client.DeleteAsync("eureka/apps/CUSTOMERS/c1/status", Ct);
        using var renewAfterRemoval = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP", null, Ct);
        using var unknown = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/nope/status?value=UP", null, Ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renew.StatusCode);
        Assert.Contains("\"status\":\"OUT_OF_SERVICE\",\"overriddenStatus\":\"OUT_OF_SERVICE\"", afterOverride, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, renewAfterRemoval.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Metadata_update_merges_keys()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();

        using var response = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1/metadata?zone=z2&weight=3", null, Ct);
        using var unknown = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/nope/metadata?zone=z2", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"metadata\":{\"zone\":\"z2\",\"weight\":\"3\"}", await _server.GetAppsJsonAsync("eureka/apps/CUSTOMERS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_app_and_one_instance_by_both_paths()
    {
        (await _server.RegisterAsync("CUSTOMERS", "127.0.0.1:customers:5000")).Dispose();

        var app = await _server.GetAppsJsonAsync("eureka/apps/customers");
        var byApp = await _server.GetAppsJsonAsync("eureka/apps/CUSTOMERS/127.0.0.1%3Acustomers%3A5000");
        var byId = await _server.GetAppsJsonAsync("eureka/instances/127.0.0.1%3Acustomers%3A5000");
        using var missingApp = await _server.Client.GetAsync("eureka/apps/NOPE", Ct);
        using var missingInstance = await _server.Client.GetAsync("eureka/instances/nope", Ct);

        Assert.StartsWith("{\"application\":{\"name\":\"CUSTOMERS\",\"instance\":[{", app, StringComparison.Ordinal);
        Assert.StartsWith("{\"instance\":{\"instanceId\":\"127.0.0.1:customers:5000\"", byApp, StringComparison.Ordinal);
        Assert.Equal(byApp, byId);
        Assert.Equal(HttpStatusCode.NotFound, missingApp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingInstance.StatusCode);
    }

    [Fact]
    public async Task Vips_match_exactly_and_unknown_vips_answer_an_empty_listing()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        (await _server.RegisterAsync("ORDERS", "o1")).Dispose();

        var vip = await _server.GetAppsJsonAsync("eureka/vips/customers");
        var svip = await _server.GetAppsJsonAsync("eureka/svips/customers-secure");
        var none = await _server.GetAppsJsonAsync("eureka/vips/CUSTOMERS");

        Assert.Contains("\"name\":\"CUSTOMERS\"", vip, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDERS", vip, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"CUSTOMERS\"", svip, StringComparison.Ordinal);
        Assert.Equal("{\"applications\":{\"versions__delta\":\"-1\",\"apps__hashcode\":\"\",\"application\":[]}}", none);
    }

    [Fact]
    public async Task Delta_lists_recent_changes_with_the_full_registry_hash()
    {
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        (await _server.RegisterAsync("CUSTOMERS", "c2")).Dispose();
        (await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c2/status?value=DOWN", null, Ct)).Dispose();

        using var doc = JsonDocument.Parse(await _server.GetAppsJsonAsync("eureka/apps/delta"));
        var apps = doc.RootElement.GetProperty("applications");
        var actions = apps.GetProperty("application")[0].GetProperty("instance").EnumerateArray()
            .ToDictionary(i => i.GetProperty("instanceId").GetString()!, i => i.GetProperty("actionType").GetString());

        Assert.Equal("DOWN_1_UP_1_", apps.GetProperty("apps__hashcode").GetString());
        Assert.Equal("ADDED", actions["c1"]);
        Assert.Equal("MODIFIED", actions["c2"]);
    }

    [Fact]
    public async Task Netflix_v2_prefix_serves_the_same_api()
    {
        using var content = new StringContent(RegistryServer.Registration("CUSTOMERS", "c1"), Encoding.UTF8, "application/json");
        using var register = await _server.Client.PostAsync("eureka/v2/apps/CUSTOMERS", content, Ct);

        Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
        Assert.Equal(await _server.GetAppsJsonAsync(), await _server.GetAppsJsonAsync("eureka/v2/apps"));
    }

    [Fact]
    public async Task Xml_registration_is_accepted()
    {
        const string xml = """
            <instance><instanceId>x1</instanceId><hostName>h</hostName><app>XMLAPP</app><ipAddr>1.2.3.4</ipAddr>
            <status>UP</status><port enabled="true">81</port>
            <dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo></instance>
            """;

        using var response = await _server.RegisterAsync("XMLAPP", "x1", xml, "application/xml");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("\"instanceId\":\"x1\"", await _server.GetAppsJsonAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_health_endpoints_answer()
    {
        var status = await _server.GetAppsJsonAsync("eureka/status");
        using var health = await _server.Client.GetAsync("actuator/health", Ct);

        Assert.Contains("\"generalStats\":{\"server-uptime\"", status, StringComparison.Ordinal);
        Assert.Contains("\"isCoordinatingDiscoveryServer\":\"true\"", status, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("{\"status\":\"UP\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_instance_id_falls_back_to_spring_metadata_then_host_name()
    {
        var fromMetadata = RegistryServer.Registration("CUSTOMERS", "", host: "h1", extra: ",\"metadata\":{\"instanceId\":\"customers:8080\"}");
        var fromHost = RegistryServer.Registration("CUSTOMERS", "", host: "h2");

        (await _server.RegisterAsync("CUSTOMERS", "", fromMetadata)).Dispose();
        (await _server.RegisterAsync("CUSTOMERS", "", fromHost)).Dispose();

        var apps = await _server.GetAppsJsonAsync();
        Assert.Contains("\"instanceId\":\"h1:customers:8080\"", apps, StringComparison.Ordinal);
        Assert.Contains("\"instanceId\":\"h2\"", apps, StringComparison.Ordinal);
    }
}
