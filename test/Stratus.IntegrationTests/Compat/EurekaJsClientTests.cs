using System.Net;
using System.Text;
using System.Text.Json;

namespace Stratus.IntegrationTests.Compat;

/// <summary>
/// Compatibility with a Eureka client someone else wrote: the npm package <c>eureka-js-client</c> (pinned in
/// <c>test/compat/eureka-js</c>) registers, renews, fetches (full and delta) and deregisters against a real
/// <c>stratus registry</c> process.
/// </summary>
public sealed class EurekaJsClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/eureka/apps/", "full")]
    [InlineData("/eureka/v2/apps/", "delta")]
    public async Task Eureka_js_client_registers_renews_fetches_and_deregisters(string servicePath, string fetchMode)
    {
        var (registry, baseAddress) = await StratusProcess.StartRegistryAsync();
        await using (registry)
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            const string other = """
                {"instance":{"instanceId":"dotnet-1","hostName":"dotnet-host","app":"ORDERS","ipAddr":"10.0.0.9","status":"UP",
                 "port":{"$":5000,"@enabled":"true"},"vipAddress":"orders",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
            using (var response = await http.PostAsync("eureka/apps/ORDERS", new StringContent(other, Encoding.UTF8, "application/json"), Ct))
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }

            var app = "JSAPP-" + fetchMode.ToUpperInvariant();
            var lines = await RunClientAsync(baseAddress, servicePath, app, "ORDERS", fetchMode);

            Assert.Equal("js-host", lines["registered"].GetProperty("instanceId").GetString());
            var observed = lines["observed"];
            Assert.True(observed.GetProperty("heartbeats").GetInt32() >= 3);
            Assert.True(fetchMode != "delta" || observed.GetProperty("deltas").GetInt32() >= 2, "delta fetches were not made");
            var own = Assert.Single(observed.GetProperty("own").EnumerateArray());
            Assert.Equal("UP", own.GetProperty("status").GetString());
            Assert.Equal(3000, own.GetProperty("port").GetProperty("$").GetInt32());
            var seen = Assert.Single(observed.GetProperty("other").EnumerateArray());
            Assert.Equal("dotnet-1", seen.GetProperty("instanceId").GetString());
            Assert.Equal(["dotnet-1"], observed.GetProperty("byVip").EnumerateArray().Select(e => e.GetString()));
            Assert.True(lines.ContainsKey("deregistered"), "client did not deregister");

            // On the wire: the registration kept one lease (renewals, not re-registrations), and deregistration removed it.
            Assert.DoesNotContain("Re-registering", string.Join('\n', lines.Keys), StringComparison.Ordinal);
            using var gone = await http.GetAsync($"eureka/apps/{app}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Contains("dotnet-1", await http.GetStringAsync("eureka/apps", Ct), StringComparison.Ordinal);
        }
    }

    private static async Task<Dictionary<string, JsonElement>> RunClientAsync(Uri registry, string servicePath, string app, string other, string fetchMode)
    {
        var folder = NodeScript.Folder("eureka-js", "eureka-js-client");
        var port = registry.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exitCode, output, errors) = await NodeScript.RunAsync(folder, ["client.js", registry.Host, port, servicePath, app, other, fetchMode], TimeSpan.FromSeconds(40));
        Assert.True(exitCode == 0, $"node client exited {exitCode}: {output}{errors}");
        var lines = new Dictionary<string, JsonElement>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var name = doc.RootElement.GetProperty("event").GetString()!;
            if (name is "warn" or "error")
            {
                name += ":" + doc.RootElement.GetProperty("message").GetString();
            }

            lines[name] = doc.RootElement.Clone();
        }

        return lines;
    }
}
