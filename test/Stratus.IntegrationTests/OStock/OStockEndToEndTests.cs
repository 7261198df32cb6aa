using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Stratus.IntegrationTests.Cli;
using Stratus.IntegrationTests.Discovery;
using Stratus.IntegrationTests.Security;
using Stratus.Observability.Tests.Support;

namespace Stratus.IntegrationTests.OStock;

/// <summary>
/// The OStock system as the README runs it: <c>stratus dev</c> in a folder holding the sample's <c>appsettings.json</c>
/// and <c>config-repo/</c>, two organization-service processes and one licensing-service process (profiles
/// <c>dev,secure</c>: tokens required), all real and all run from their <c>dotnet publish</c> output (this project's build
/// publishes them into bin/&lt;Configuration&gt;/published/); every call goes through the gateway with a token of the
/// sample's client.
/// </summary>
public sealed class OStockEndToEndTests
{
    private static readonly string Root = typeof(OStockEndToEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OStockRoot").Value!;
    private static readonly string Published = typeof(OStockEndToEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PublishedRoot").Value!;

    private static readonly string[] TracedServices = ["gateway", "licensing-service", "organization-service"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Organisation_and_licence_through_the_gateway_survive_an_instance_kill_follow_config_changes_and_share_one_trace()
    {
        await using var collector = await ZipkinCollector.StartAsync();
        var zipkin = $"--Stratus:Observability:Tracing:Zipkin:Endpoint={collector.Endpoint}";

        // The folder stratus dev runs in: the sample's settings (gateway routes, the development key) and config repo.
        var folder = DevProcess.NewFolder();
        File.Copy(Path.Combine(Root, "appsettings.json"), Path.Combine(folder, "appsettings.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "config-repo")))
        {
            File.Copy(file, Path.Combine(folder, "config-repo", Path.GetFileName(file)), overwrite: true);
        }

        await using var dev = await DevProcess.StartAsync(folder,
        [
            "--Stratus:Registry:EvictionInterval=00:00:01", "--Stratus:Registry:EnableSelfPreservation=false",
            zipkin,
        ], stratusDll: PublishedDll("stratus", "stratus"));
        var data = Directory.CreateTempSubdirectory("stratus-ostock-").FullName;
        string[] common =
        [
            $"--Stratus:Config:Uri={dev.ConfigServer}", "--Stratus:Config:Profile=dev,secure", "--Stratus:Config:FailFast=true",

            // The secure profile names the auth server on its usual port; this one runs on a free port.
            $"--Stratus:Security:ResourceServer:Authority={dev.AuthServer}",
            $"--Stratus:Discovery:ServiceUrl={dev.Registry}eureka/",
            "--Stratus:Discovery:LeaseRenewalInterval=00:00:01", "--Stratus:Discovery:LeaseExpirationDuration=00:00:02",
            "--Stratus:Discovery:RegistryFetchInterval=00:00:01",
            "--Stratus:Config:Watch:Wait=00:00:02",
            zipkin,
        ];
        string[] organization = [.. common, $"--ConnectionStrings:Organization=Data Source={Path.Combine(data, "organization.db")}"];

        // One after the other: the first applies the migrations to the database both share.
        await using var org1 = await StartServiceAsync("organization-service", [.. organization]);
        await using var org2 = await StartServiceAsync("organization-service", [.. organization]);
        await using var licensing = await StartServiceAsync("licensing-service",
        [
            .. common,
            $"--ConnectionStrings:Licensing=Data Source={Path.Combine(data, "licensing.db")}",

            // Every read asks organization-service, so the kill below is felt.
            "--OStock:OrganizationCache:TimeToLive=00:00:00",
        ]);
        using var gateway = new HttpClient { BaseAddress = dev.Gateway, Timeout = TimeSpan.FromSeconds(60) };
        using (var anonymous = await gateway.GetAsync("license/v1/organization/none/license", Ct))
        {
            // The routes relay the caller's token and refuse a call without one.
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await SecuredSystem.ClientCredentialsTokenAsync(
            dev.AuthServer, "ostock-client", "ostock-secret", "organizations.read organizations.write licenses.read licenses.write"));
        await ServiceFleet.WaitUntilAsync(async () =>
        {
            using var probe = await gateway.GetAsync("organization/v1/organization/none", Ct);
            using var probe2 = await gateway.GetAsync("license/v1/organization/none/license", Ct);
            return probe.StatusCode == HttpStatusCode.NotFound && probe2.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "the gateway to route to both services");

        // Create an organisation and a licence, read the licence with the organisation's details.
        using (var created = await gateway.PostAsync("organization/v1/organization", Json(
                   """{"id":"e254f8c-c442-4ebe","name":"HR-PowerSuite","contactName":"Doug Drewry","contactEmail":"doug@hr.example","contactPhone":"920-555-1212"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var created = await gateway.PostAsync("license/v1/organization/e254f8c-c442-4ebe/license", Json(
                   """{"licenseId":"f3831f8c-c338-4ebe","description":"Software product","productName":"Ostock","licenseType":"full"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        const string licencePath = "license/v1/organization/e254f8c-c442-4ebe/license/f3831f8c-c338-4ebe";
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using (var request = new HttpRequestMessage(HttpMethod.Get, licencePath))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            using var read = await gateway.SendAsync(request, Ct);
            var licence = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("HR-PowerSuite", licence.GetProperty("organizationName").GetString());
            Assert.Equal("available", licence.GetProperty("organizationDetails").GetString());
            Assert.Equal("I AM DEV", licence.GetProperty("comment").GetString());
        }

        // One trace id in the gateway's, licensing's and organization's log lines and spans.
        await ServiceFleet.WaitUntilAsync(
            () => Task.FromResult(TracedServices.All(s => collector.Spans().Any(span =>
                span.GetProperty("traceId").GetString() == traceId && span.GetProperty("localEndpoint").GetProperty("serviceName").GetString() == s))),
            TimeSpan.FromSeconds(40), "spans of the trace from gateway, licensing-service and organization-service");
        Assert.Contains(JsonLines(dev.Process.Stdout), l => l.Contains(traceId, StringComparison.Ordinal)
            && l.Contains("Proxying to http://licensing-service/v1/organization/e254f8c-c442-4ebe/license/f3831f8c-c338-4ebe", StringComparison.Ordinal));
        Assert.Contains(JsonLines(licensing.Stdout), l => l.Contains(traceId, StringComparison.Ordinal) && l.Contains("Reading licence f3831f8c-c338-4ebe", StringComparison.Ordinal));
        Assert.Contains(JsonLines(org1.Stdout + org2.Stdout), l => l.Contains(traceId, StringComparison.Ordinal) && l.Contains("Reading organisation e254f8c-c442-4ebe", StringComparison.Ordinal));

        // Kill one organization-service instance outright: every read still answers with the organisation's details
        // (the load balancer retries on the other instance, the registry drops the dead one).
        org1.KillHard();
        var failures = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            using var read = await gateway.GetAsync(licencePath, Ct);
            var body = await read.Content.ReadAsStringAsync(Ct);
            if (read.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(body).RootElement.GetProperty("organizationDetails").GetString() != "available")
            {
                failures.Add($"{(int)read.StatusCode} {body}");
            }

            await Task.Delay(100, Ct);
        }

        Assert.Empty(failures);

        // Change a value in the config repository: the config server notices at its next refresh (every 5 s), and
        // licensing-service picks it up through its watch, without a restart.
        var devYml = Path.Combine(folder, "config-repo", "licensing-service-dev.yml");
        File.WriteAllText(devYml, File.ReadAllText(devYml).Replace("I AM DEV", "I AM CHANGED", StringComparison.Ordinal));
        using var configClient = new HttpClient { BaseAddress = dev.ConfigServer, Timeout = TimeSpan.FromSeconds(10) };
        await ServiceFleet.WaitUntilAsync(
            async () => (await configClient.GetStringAsync("licensing-service/dev", Ct)).Contains("I AM CHANGED", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the config server to serve the changed file");

        await ServiceFleet.WaitUntilAsync(async () =>
        {
            using var read = await gateway.GetAsync(licencePath, Ct);
            return JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("comment").GetString() == "I AM CHANGED";
        }, TimeSpan.FromSeconds(60), "licensing-service to serve the changed example.property");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static IEnumerable<string> JsonLines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{'));

    /// <summary>A published program's dll; a clear failure when the build did not publish it.</summary>
    private static string PublishedDll(string folder, string name)
    {
        var dll = Path.Combine(Published, folder, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build test/Stratus.IntegrationTests (its PublishSystemUnderTest target publishes it)");
        return dll;
    }

    /// <summary>Starts a sample service from its publish folder (its content root) on a free port; waits for health.</summary>
    private static async Task<StratusProcess> StartServiceAsync(string service, string[] args)
    {
        var dll = PublishedDll(service, service);
        var address = new Uri($"http://127.0.0.1:{StratusProcess.FreePort()}/");
        var process = StratusProcess.StartDll(dll, ["--urls", address.ToString().TrimEnd('/'), .. args], workingDirectory: Path.GetDirectoryName(dll));
        try
        {
            await process.WaitHealthyAsync(address, service, TimeSpan.FromSeconds(90));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }
}
