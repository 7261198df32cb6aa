using System.Text.Json;

namespace Stratus.Samples.Tests.OStock;

public sealed class AdminCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_creates_the_schema_and_a_second_run_finds_it_up_to_date()
    {
        await using var fleet = new OStockFleet();

        var (first, firstOutput) = await fleet.LicensingAdminAsync("migrate");
        var (second, secondOutput) = await fleet.LicensingAdminAsync("migrate");
        var (organization, organizationOutput) = await fleet.OrganizationAdminAsync("migrate");

        Assert.True(first == 0, firstOutput);
        Assert.Contains("applied 1 migration(s) on Microsoft.EntityFrameworkCore.Sqlite: ", firstOutput, StringComparison.Ordinal);
        Assert.True(second == 0, secondOutput);
        Assert.Contains("is up to date", secondOutput, StringComparison.Ordinal);
        Assert.True(organization == 0, organizationOutput);
        Assert.Empty(OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id"));
        Assert.Empty(OStockFleet.Rows(fleet.OrganizationDb, "organizations", "organization_id"));
    }

    [Fact]
    public async Task Backup_then_restore_into_an_empty_database_gives_the_same_rows()
    {
        await using var fleet = new OStockFleet();
        var (process, address) = await fleet.StartLicensingAsync($"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/");
        using (var client = new HttpClient { BaseAddress = address })
        {
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full", description = "Zürich «quoted» \"and\" \n new line" });
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-2", productName = "Stock", licenseType = "complete", comment = "c" });
            await OStockFleet.PostAsync(client, "v1/organization/org-2/license", new { productName = "Other", licenseType = "full" });
        }

        await process.StopAsync();
        var original = OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id");
        var file = Path.Combine(fleet.Folder, "licensing-backup.json");

        var (backup, backupOutput) = await fleet.LicensingAdminAsync("backup", file);
        Assert.True(backup == 0, backupOutput);
        File.Move(fleet.LicensingDb, Path.Combine(fleet.Folder, "moved-away.db"));
        var (restore, restoreOutput) = await fleet.LicensingAdminAsync("restore", file);

        Assert.True(restore == 0, restoreOutput);
        Assert.Contains("restored 3 licence(s)", restoreOutput, StringComparison.Ordinal);
        Assert.Equal(3, original.Count);
        Assert.Equal(original, OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, Ct));
        Assert.Equal("licensing-service", document.RootElement.GetProperty("service").GetString());
    }

    public static TheoryData<string, string> BadBackups => new()
    {
        { "not JSON at all {", "not valid JSON" },
        { """{"service":"organization-service","format":1,"rows":[]}""", "is a backup of 'organization-service', not of licensing-service" },
        { """{"format":1,"rows":[]}""", "has no \"service\" field" },
        { """{"service":"licensing-service","format":2,"rows":[]}""", "has format 2" },
        { """{"service":"licensing-service","format":1}""", "no \"rows\" array" },
        { """{"service":"licensing-service","format":1,"rows":[{"licenseId":"x","organizationId":"o","productName":"","licenseType":"t"}]}""", "rows[0]: productName is required" },
        { """{"service":"licensing-service","format":1,"rows":[{"licenseId":"x","organizationId":"o","productName":"p","licenseType":"t"},{"licenseId":"x","organizationId":"o","productName":"p","licenseType":"t"}]}""", "rows[1]: licenseId 'x' appears twice" },
        { """{"service":"licensing-service","format":1,"rows":[{"licenseId":42}]}""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBackups))]
    public async Task Restore_of_a_bad_file_exits_65_naming_the_problem_and_leaves_the_database_unchanged(string content, string message)
    {
        await using var fleet = new OStockFleet();
        var (process, address) = await fleet.StartLicensingAsync($"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/");
        using (var client = new HttpClient { BaseAddress = address })
        {
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
        }

        await process.StopAsync();
        var before = OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id");
        var file = Path.Combine(fleet.Folder, "bad.json");
        await File.WriteAllTextAsync(file, content, Ct);

        var (exitCode, output) = await fleet.LicensingAdminAsync("restore", file);

        Assert.True(exitCode == 65, output);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Single(before);
        Assert.Equal(before, OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id"));
    }

    [Fact]
    public async Task Restore_of_a_missing_file_exits_65()
    {
        await using var fleet = new OStockFleet();

        var (exitCode, output) = await fleet.LicensingAdminAsync("restore", Path.Combine(fleet.Folder, "nothing-here.json"));

        Assert.True(exitCode == 65, output);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("restore", "a.json", "b.json")]
    [InlineData("migrate", "extra")]
    public async Task Usage_errors_exit_64_with_the_usage(params string[] args)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(OStockFleet.LicensingDll, args);

        Assert.True(exitCode == 64, output);
        Assert.Contains("usage: licensing-service", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Foo=bar")]
    [InlineData("Data Source=x;Nonsense=1")]
    [InlineData("postgres://")]
    public async Task A_connection_string_that_names_no_database_exits_78(string connectionString)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(OStockFleet.LicensingDll, ["migrate", "--Stratus:Config:Enabled=false", $"--ConnectionStrings:Licensing={connectionString}"]);

        Assert.True(exitCode == 78, output);
        Assert.Contains("ConnectionStrings:Licensing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_removes_expired_cached_organizations_only()
    {
        await using var fleet = new OStockFleet();
        await fleet.CacheOneExpiredOrganizationAsync();
        Assert.Single(OStockFleet.Rows(fleet.LicensingDb, "organization_cache", "organization_id"));

        var (exitCode, output) = await fleet.LicensingAdminAsync("cleanup");

        Assert.True(exitCode == 0, output);
        Assert.Contains("removed 1 expired cached organisation(s)", output, StringComparison.Ordinal);
        Assert.Empty(OStockFleet.Rows(fleet.LicensingDb, "organization_cache", "organization_id"));
        Assert.Single(OStockFleet.Rows(fleet.LicensingDb, "licenses", "license_id"));
    }

    [Fact]
    public async Task Organization_backup_restores_into_an_empty_database_and_refuses_a_licensing_backup()
    {
        await using var fleet = new OStockFleet();
        var (process, address) = await fleet.StartOrganizationAsync();
        using (var client = new HttpClient { BaseAddress = address })
        {
            await OStockFleet.PostAsync(client, "v1/organization", new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example", contactPhone = "555" });
            await OStockFleet.PostAsync(client, "v1/organization", new { id = "org-2", name = "Other", contactName = "Bob", contactEmail = "bob@x.example" });
        }

        await process.StopAsync();
        var original = OStockFleet.Rows(fleet.OrganizationDb, "organizations", "organization_id");
        var file = Path.Combine(fleet.Folder, "organization-backup.json");
        var (backup, backupOutput) = await fleet.OrganizationAdminAsync("backup", file);
        Assert.True(backup == 0, backupOutput);
        File.Move(fleet.OrganizationDb, Path.Combine(fleet.Folder, "moved-away.db"));

        var (restore, restoreOutput) = await fleet.OrganizationAdminAsync("restore", file);
        Assert.True(restore == 0, restoreOutput);
        Assert.Equal(2, original.Count);
        Assert.Equal(original, OStockFleet.Rows(fleet.OrganizationDb, "organizations", "organization_id"));

        var (licensingBackup, licensingOutput) = await fleet.LicensingAdminAsync("backup", Path.Combine(fleet.Folder, "licensing.json"));
        Assert.True(licensingBackup == 0, licensingOutput);
        var (refused, refusedOutput) = await fleet.OrganizationAdminAsync("restore", Path.Combine(fleet.Folder, "licensing.json"));
        Assert.True(refused == 65, refusedOutput);
        Assert.Contains("is a backup of 'licensing-service', not of organization-service", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(original, OStockFleet.Rows(fleet.OrganizationDb, "organizations", "organization_id"));
    }
}
