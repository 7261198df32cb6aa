using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Stratus.Samples.Tests.OStock;

/// <summary>
/// The OStock services as real processes from their build output, each on a free loopback port with its SQLite file
/// in a temporary folder; optionally a real <c>stratus registry</c> they find each other through.
/// </summary>
public sealed class OStockFleet : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<SampleProcess> _processes = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("ostock-").FullName;

    public string OrganizationDb => Path.Combine(Folder, "organization.db");

    public string LicensingDb => Path.Combine(Folder, "licensing.db");

    /// <summary>organization-service's connection string: its SQLite file in <see cref="Folder"/> unless a test sets another (PostgreSQL).</summary>
    public string OrganizationConnectionString { get => field ?? $"Data Source={OrganizationDb}"; init; }

    /// <summary>licensing-service's connection string: its SQLite file in <see cref="Folder"/> unless a test sets another (PostgreSQL).</summary>
    public string LicensingConnectionString { get => field ?? $"Data Source={LicensingDb}"; init; }

    public Uri? RegistryBase { get; private set; }

    public static string OrganizationDll => ServiceDll("organization-service");

    public static string LicensingDll => ServiceDll("licensing-service");

    /// <summary>A registry with short leases, so a stopped service leaves the registry within seconds.</summary>
    public async Task StartRegistryAsync()
    {
        var port = SampleProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var registry = Start(Path.Combine(AppContext.BaseDirectory, "stratus.dll"),
            ["registry", "--urls", address.ToString().TrimEnd('/'), "--Stratus:Registry:EvictionInterval=00:00:01", "--Stratus:Registry:EnableSelfPreservation=false"]);
        await registry.WaitHealthyAsync(address, "stratus registry");
        RegistryBase = address;
    }

    /// <summary>The development key of samples/OStock/config-repo (see its README).</summary>
    public const string ConfigRepoKey = "ostock-development-key-not-for-production";

    /// <summary>The sample's config-repo, copied to this fleet's folder so a test may edit it.</summary>
    public static string ConfigRepo => Path.Combine(Metadata("OStockRoot"), "config-repo");

    /// <summary>A config server serving <paramref name="repository"/> (a plain folder) with the development key.</summary>
    public async Task<Uri> StartConfigServerAsync(string repository)
    {
        var address = new Uri($"http://127.0.0.1:{SampleProcess.FreePort()}/");
        var server = Start(Path.Combine(AppContext.BaseDirectory, "stratus.dll"),
        [
            "config-server", "--urls", address.ToString().TrimEnd('/'),
            $"--Stratus:ConfigServer:Native:SearchLocations:0={repository}",
            $"--Stratus:ConfigServer:Encrypt:Key={ConfigRepoKey}",
        ]);
        await server.WaitHealthyAsync(address, "stratus config-server");
        return address;
    }

    /// <summary>A <c>stratus auth-server</c> with its demo client (<c>demo-client</c>, scopes <c>licenses.read licenses.write</c>).</summary>
    public async Task<Uri> StartAuthServerAsync(params string[] extra)
    {
        var address = new Uri($"http://127.0.0.1:{SampleProcess.FreePort()}/");
        var server = Start(Path.Combine(AppContext.BaseDirectory, "stratus.dll"),
        [
            "auth-server", "--urls", address.ToString().TrimEnd('/'),
            "--Stratus:AuthServer:EnableDemo=true",
            $"--Stratus:AuthServer:Database:Path={Path.Combine(Folder, "auth.db")}",
            .. extra,
        ]);
        await server.WaitHealthyAsync(address, "stratus auth-server");
        return address;
    }

    /// <summary>Copies the sample's config-repo into this fleet's folder.</summary>
    public string CopyConfigRepo()
    {
        var target = Path.Combine(Folder, "config-repo");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(ConfigRepo))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public Task<(SampleProcess Process, Uri Address)> StartOrganizationAsync(params string[] extra) =>
        StartServiceAsync(OrganizationDll, [.. ServiceArgs("Organization", OrganizationConnectionString), .. extra]);

    public Task<(SampleProcess Process, Uri Address)> StartLicensingAsync(params string[] extra) =>
        StartServiceAsync(LicensingDll, [.. ServiceArgs("Licensing", LicensingConnectionString), .. extra]);

    /// <summary>Runs an admin command of licensing-service against this fleet's database and configuration.</summary>
    public Task<(int ExitCode, string Output)> LicensingAdminAsync(params string[] args) =>
        SampleProcess.RunAsync(LicensingDll, [.. args, .. ServiceArgs("Licensing", LicensingConnectionString)]);

    public Task<(int ExitCode, string Output)> OrganizationAdminAsync(params string[] args) =>
        SampleProcess.RunAsync(OrganizationDll, [.. args, .. ServiceArgs("Organization", OrganizationConnectionString)]);

    /// <summary>Every row of a table, straight from the SQLite file (not through the service), in key order.</summary>
    public static List<string> Rows(string databaseFile, string table, string key)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY {key}";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i))}")));
        }

        return rows;
    }

    /// <summary>
    /// Starts both services, creates organisation org-1 and licence lic-1, reads the licence once so licensing-service
    /// caches org-1 (with a time to live of zero: expired at once), then stops both; for the clean-up command's tests.
    /// </summary>
    public async Task CacheOneExpiredOrganizationAsync()
    {
        var (organizationService, organizationAddress) = await StartOrganizationAsync();
        var (licensingService, licensingAddress) = await StartLicensingAsync($"--OStock:OrganizationService:BaseAddress={organizationAddress}", "--OStock:OrganizationCache:TimeToLive=00:00:00");
        using (var organizations = new HttpClient { BaseAddress = organizationAddress })
        using (var licenses = new HttpClient { BaseAddress = licensingAddress })
        {
            await PostAsync(organizations, "v1/organization", new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example" });
            await PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
            var read = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
            Assert.Equal("available", read.GetProperty("organizationDetails").GetString());
        }

        await licensingService.StopAsync();
        await organizationService.StopAsync();
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Waited 60 s for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }

    private string[] ServiceArgs(string database, string connectionString)
    {
        List<string> args = ["--Stratus:Config:Enabled=false", $"--ConnectionStrings:{database}={connectionString}"];
        if (RegistryBase is not null)
        {
            args.AddRange(
            [
                $"--Stratus:Discovery:ServiceUrl={new Uri(RegistryBase, "eureka/")}",
                "--Stratus:Discovery:LeaseRenewalInterval=00:00:01",
                "--Stratus:Discovery:LeaseExpirationDuration=00:00:02",
                "--Stratus:Discovery:RegistryFetchInterval=00:00:01",
            ]);
        }

        return [.. args];
    }

    private async Task<(SampleProcess Process, Uri Address)> StartServiceAsync(string dll, string[] args)
    {
        var address = new Uri($"http://127.0.0.1:{SampleProcess.FreePort()}/");
        var process = Start(dll, ["--urls", address.ToString().TrimEnd('/'), .. args]);
        await process.WaitHealthyAsync(address, Path.GetFileNameWithoutExtension(dll));
        return (process, address);
    }

    private SampleProcess Start(string dll, string[] args)
    {
        var process = SampleProcess.Start(dll, args);
        _processes.Add(process);
        return process;
    }

    private static string ServiceDll(string name)
    {
        var path = Path.Combine(Metadata("OStockRoot"), name, "bin", Metadata("Configuration"), "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the sample first: {path} is missing", path);
    }

    private static string Metadata(string key) =>
        typeof(OStockFleet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
