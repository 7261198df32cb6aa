using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Samples.Tests.OStock;

/// <summary>The sample's config-repo served by a real <c>stratus config-server</c>, read by the services' config client.</summary>
public sealed class ConfigRepoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] ConfigClient(Uri configServer, string profile) =>
    [
        $"--Stratus:Config:Enabled=true",
        $"--Stratus:Config:Uri={configServer.ToString().TrimEnd('/')}",
        $"--Stratus:Config:Profile={profile}",
        "--Stratus:Config:FailFast=true",
        "--Stratus:Config:Cache:Enabled=false",
    ];

    [Fact]
    public async Task Comment_comes_from_the_config_repo_profile_and_a_change_there_shows_after_refresh()
    {
        await using var fleet = new OStockFleet();
        var repository = fleet.CopyConfigRepo();
        var configServer = await fleet.StartConfigServerAsync(repository);
        var (_, address) = await fleet.StartLicensingAsync(
        [
            .. ConfigClient(configServer, "dev"),
            $"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/",
        ]);
        using var client = new HttpClient { BaseAddress = address };
        await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });

        var read = await client.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        Assert.Equal("I AM DEV", read.GetProperty("comment").GetString());

        var devFile = Path.Combine(repository, "licensing-service-dev.yml");
        await File.WriteAllTextAsync(devFile, (await File.ReadAllTextAsync(devFile, Ct)).Replace("I AM DEV", "I AM CHANGED", StringComparison.Ordinal), Ct);
        using (var refresh = await client.PostAsync("actuator/refresh", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        }

        await OStockFleet.WaitUntilAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct)).GetProperty("comment").GetString() == "I AM CHANGED",
            "the changed example.property to show");
    }

    [Fact]
    public async Task Prod_profile_decrypts_the_cipher_into_a_PostgreSQL_connection_string()
    {
        await using var fleet = new OStockFleet();
        var configServer = await fleet.StartConfigServerAsync(OStockFleet.ConfigRepo);

        using var client = new HttpClient();
        var environment = await client.GetFromJsonAsync<JsonElement>(new Uri(configServer, "licensing-service/prod"), Ct);
        var prod = environment.GetProperty("propertySources")[0].GetProperty("source");
        Assert.StartsWith("Host=postgres;", prod.GetProperty("ConnectionStrings.Licensing").GetString(), StringComparison.Ordinal);

        // The service, given only the config server, picks PostgreSQL from the decrypted connection string: with no
        // PostgreSQL server here, migrate says the database is unreachable (69), not that the configuration is bad (78).
        var (exitCode, output) = await SampleProcess.RunAsync(OStockFleet.LicensingDll, ["migrate", .. ConfigClient(configServer, "prod")]);
        Assert.True(exitCode == 69, output);
        Assert.Contains("Npgsql", output, StringComparison.Ordinal);
    }
}
