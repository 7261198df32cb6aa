using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Tests.Shared;

namespace Stratus.Samples.Tests.OStock;

/// <summary>
/// Both services on a real PostgreSQL server (a private one per class, a database per service and test), chosen by
/// the connection string alone; rows checked straight from PostgreSQL with psql, not through the services.
/// </summary>
public sealed class PostgreSqlTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string LicenseRows = "SELECT license_id, organization_id, description, product_name, license_type, comment FROM licenses ORDER BY license_id";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NoOrganizationService => $"--OStock:OrganizationService:BaseAddress=http://127.0.0.1:{SampleProcess.FreePort()}/";

    [Fact]
    public async Task Migrate_on_postgresql_creates_the_database_and_schema_and_a_second_run_finds_it_up_to_date()
    {
        var server = postgres.Server;
        var (organizationDb, licensingDb) = (PostgresFixture.NewDatabase("organization"), PostgresFixture.NewDatabase("licensing"));
        await using var fleet = new OStockFleet { OrganizationConnectionString = server.Url(organizationDb), LicensingConnectionString = server.ConnectionString(licensingDb) };

        var (first, firstOutput) = await fleet.LicensingAdminAsync("migrate");
        var (second, secondOutput) = await fleet.LicensingAdminAsync("migrate");
        var (organization, organizationOutput) = await fleet.OrganizationAdminAsync("migrate");

        Assert.True(first == 0, firstOutput);
        Assert.Contains($"applied 1 migration(s) on {Npgsql}: 20261201165022_InitialCreate", firstOutput, StringComparison.Ordinal);
        Assert.True(second == 0, secondOutput);
        Assert.Contains($"the database ({Npgsql}) is up to date", secondOutput, StringComparison.Ordinal);
        Assert.True(organization == 0, organizationOutput);
        Assert.Contains($"applied 1 migration(s) on {Npgsql}: 20261201164543_InitialCreate", organizationOutput, StringComparison.Ordinal);
        const string Tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name";
        Assert.Equal("__EFMigrationsHistory\nlicenses\norganization_cache", await server.SqlAsync(licensingDb, Tables, Ct));
        Assert.Equal("__EFMigrationsHistory\norganizations", await server.SqlAsync(organizationDb, Tables, Ct));
        // The PostgreSQL migration's DDL, not SQLite's: bounded varchar and a bigint expiry.
        Assert.Equal(
            "comment|character varying|500\ndescription|character varying|500\nlicense_id|character varying|64\nlicense_type|character varying|50\norganization_id|character varying|64\nproduct_name|character varying|100",
            await server.SqlAsync(licensingDb, "SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 'licenses' ORDER BY column_name", Ct));
        Assert.Equal("bigint", await server.SqlAsync(licensingDb, "SELECT data_type FROM information_schema.columns WHERE table_name = 'organization_cache' AND column_name = 'expires_at_unix_ms'", Ct));
    }

    [Fact]
    public async Task Services_on_postgresql_serve_crud_and_licensing_reads_and_caches_organization_details()
    {
        var server = postgres.Server;
        var (organizationDb, licensingDb) = (PostgresFixture.NewDatabase("organization"), PostgresFixture.NewDatabase("licensing"));
        await using var fleet = new OStockFleet { OrganizationConnectionString = server.Url(organizationDb), LicensingConnectionString = server.ConnectionString(licensingDb) };
        var (organizationService, organizationAddress) = await fleet.StartOrganizationAsync();
        var (_, licensingAddress) = await fleet.StartLicensingAsync($"--OStock:OrganizationService:BaseAddress={organizationAddress}", "--OStock:OrganizationCache:TimeToLive=01:00:00");
        using var organizations = new HttpClient { BaseAddress = organizationAddress };
        using var licenses = new HttpClient { BaseAddress = licensingAddress };

        await OStockFleet.PostAsync(organizations, "v1/organization", new { id = "org-1", name = "Ostock", contactName = "Ann", contactEmail = "ann@x.example", contactPhone = "555" });
        await OStockFleet.PostAsync(organizations, "v1/organization", new { id = "org-2", name = "Other", contactName = "Bob", contactEmail = "bob@x.example" });
        using var duplicate = await organizations.PostAsJsonAsync("v1/organization", new { id = "org-1", name = "n", contactName = "c", contactEmail = "c@x.example" }, Ct);
        using var updated = await organizations.PutAsJsonAsync("v1/organization/org-1", new { name = "Ostock Ltd", contactName = "Ann", contactEmail = "ann@x.example" }, Ct);
        using var deleted = await organizations.DeleteAsync("v1/organization/org-2", Ct);
        using var gone = await organizations.GetAsync("v1/organization/org-2", Ct);
        Assert.Equal(
            [HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound],
            new[] { duplicate.StatusCode, updated.StatusCode, deleted.StatusCode, gone.StatusCode });
        Assert.Equal("org-1|Ostock Ltd|Ann|ann@x.example|", await server.SqlAsync(organizationDb, "SELECT organization_id, name, contact_name, contact_email, contact_phone FROM organizations", Ct));

        await OStockFleet.PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full", description = "Zürich «quoted» 'and' \"double\"" });
        await OStockFleet.PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-2", productName = "Stock", licenseType = "complete" });
        await OStockFleet.PostAsync(licenses, "v1/organization/org-1/license", new { licenseId = "lic-3", productName = "Gone", licenseType = "full" });
        using (var put = await licenses.PutAsJsonAsync("v1/organization/org-1/license/lic-2", new { productName = "Stock 2", licenseType = "full" }, Ct))
        using (var delete = await licenses.DeleteAsync("v1/organization/org-1/license/lic-3", Ct))
        using (var deletedRead = await licenses.GetAsync("v1/organization/org-1/license/lic-3", Ct))
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound], new[] { put.StatusCode, delete.StatusCode, deletedRead.StatusCode });
        }

        // The first read asks organization-service and caches its answer in PostgreSQL; the next one finds the cache row.
        using var listed = await licenses.GetAsync("v1/organization/org-1/license", Ct);
        Assert.Equal("available", Assert.Single(listed.Headers.GetValues("OStock-Organization-Details")));
        var list = await listed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["lic-1", "lic-2"], list.EnumerateArray().Select(l => l.GetProperty("licenseId").GetString()!));
        Assert.All(list.EnumerateArray(), l => Assert.Equal("Ostock Ltd", l.GetProperty("organizationName").GetString()));
        var read = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        Assert.Equal("Zürich «quoted» 'and' \"double\"", read.GetProperty("description").GetString());
        Assert.Equal("cached", read.GetProperty("organizationDetails").GetString());
        Assert.Equal("Ostock Ltd", read.GetProperty("organizationName").GetString());
        Assert.Equal(
            "lic-1|org-1|Zürich «quoted» 'and' \"double\"|Ostock|full|\nlic-2|org-1||Stock 2|full|",
            await server.SqlAsync(licensingDb, LicenseRows, Ct));
        Assert.Equal("org-1|Ostock Ltd|Ann", await server.SqlAsync(licensingDb, "SELECT organization_id, name, contact_name FROM organization_cache", Ct));

        // With organization-service gone, the details still come from the cache row.
        await organizationService.StopAsync();
        var cached = await licenses.GetFromJsonAsync<JsonElement>("v1/organization/org-1/license/lic-1", Ct);
        Assert.Equal("cached", cached.GetProperty("organizationDetails").GetString());
        Assert.Equal("ann@x.example", cached.GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task Backup_and_restore_on_postgresql_round_trip_and_cross_over_to_sqlite_and_back()
    {
        var server = postgres.Server;
        var source = PostgresFixture.NewDatabase("licensing");
        await using var fleet = new OStockFleet { LicensingConnectionString = server.ConnectionString(source) };
        var (process, address) = await fleet.StartLicensingAsync(NoOrganizationService);
        using (var client = new HttpClient { BaseAddress = address })
        {
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full", description = "Zürich «quoted» \"and\" \n new line" });
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-2", productName = "Stock", licenseType = "complete", comment = "c" });
            await OStockFleet.PostAsync(client, "v1/organization/org-2/license", new { licenseId = "lic-3", productName = "Other", licenseType = "full" });
        }

        await process.StopAsync();
        var original = await server.SqlAsync(source, LicenseRows, Ct);
        var file = Path.Combine(fleet.Folder, "postgresql-backup.json");
        var (backup, backupOutput) = await fleet.LicensingAdminAsync("backup", file);
        Assert.True(backup == 0, backupOutput);
        Assert.Contains("wrote 3 licence(s)", backupOutput, StringComparison.Ordinal);

        // Into a PostgreSQL database that does not exist yet (restore migrates first), then over the same rows again.
        var target = PostgresFixture.NewDatabase("licensing");
        await using var restored = new OStockFleet { LicensingConnectionString = server.ConnectionString(target) };
        var (restore, restoreOutput) = await restored.LicensingAdminAsync("restore", file);
        var (again, againOutput) = await restored.LicensingAdminAsync("restore", file);
        Assert.True(restore == 0, restoreOutput);
        Assert.Contains("restored 3 licence(s)", restoreOutput, StringComparison.Ordinal);
        Assert.Contains("(replaced 0)", restoreOutput, StringComparison.Ordinal);
        Assert.True(again == 0, againOutput);
        Assert.Contains("(replaced 3)", againOutput, StringComparison.Ordinal);
        Assert.Equal(original, await server.SqlAsync(target, LicenseRows, Ct));

        // The file is provider-independent: the PostgreSQL backup restores into SQLite, whose backup restores into PostgreSQL.
        await using var sqlite = new OStockFleet();
        var (toSqlite, toSqliteOutput) = await sqlite.LicensingAdminAsync("restore", file);
        Assert.True(toSqlite == 0, toSqliteOutput);
        Assert.Equal(3, OStockFleet.Rows(sqlite.LicensingDb, "licenses", "license_id").Count);
        var sqliteFile = Path.Combine(sqlite.Folder, "sqlite-backup.json");
        var (fromSqlite, fromSqliteOutput) = await sqlite.LicensingAdminAsync("backup", sqliteFile);
        Assert.True(fromSqlite == 0, fromSqliteOutput);
        var third = PostgresFixture.NewDatabase("licensing");
        await using var back = new OStockFleet { LicensingConnectionString = server.ConnectionString(third) };
        var (backToPostgres, backToPostgresOutput) = await back.LicensingAdminAsync("restore", sqliteFile);
        Assert.True(backToPostgres == 0, backToPostgresOutput);
        Assert.Equal(original, await server.SqlAsync(third, LicenseRows, Ct));
    }

    [Fact]
    public async Task Restore_of_a_bad_file_on_postgresql_exits_65_and_leaves_the_rows()
    {
        var server = postgres.Server;
        var database = PostgresFixture.NewDatabase("licensing");
        await using var fleet = new OStockFleet { LicensingConnectionString = server.ConnectionString(database) };
        var (process, address) = await fleet.StartLicensingAsync(NoOrganizationService);
        using (var client = new HttpClient { BaseAddress = address })
        {
            await OStockFleet.PostAsync(client, "v1/organization/org-1/license", new { licenseId = "lic-1", productName = "Ostock", licenseType = "full" });
        }

        await process.StopAsync();
        var file = Path.Combine(fleet.Folder, "bad.json");
        await File.WriteAllTextAsync(file, """{"service":"licensing-service","format":1,"rows":[{"licenseId":"x","organizationId":"o","productName":"p","licenseType":"t"},{"licenseId":"x","organizationId":"o","productName":"p","licenseType":"t"}]}""", Ct);

        var (exitCode, output) = await fleet.LicensingAdminAsync("restore", file);

        Assert.True(exitCode == 65, output);
        Assert.Contains("rows[1]: licenseId 'x' appears twice", output, StringComparison.Ordinal);
        Assert.Equal("lic-1|org-1||Ostock|full|", await server.SqlAsync(database, LicenseRows, Ct));
    }

    [Fact]
    public async Task Cleanup_on_postgresql_removes_expired_cached_organizations_only()
    {
        var server = postgres.Server;
        var (organizationDb, licensingDb) = (PostgresFixture.NewDatabase("organization"), PostgresFixture.NewDatabase("licensing"));
        await using var fleet = new OStockFleet { OrganizationConnectionString = server.ConnectionString(organizationDb), LicensingConnectionString = server.ConnectionString(licensingDb) };
        await fleet.CacheOneExpiredOrganizationAsync();
        // A second cached organisation that expires in an hour stays.
        await server.SqlAsync(licensingDb, "INSERT INTO organization_cache (organization_id, name, expires_at_unix_ms) VALUES ('org-fresh', 'Fresh', (extract(epoch from now()) * 1000)::bigint + 3600000)", Ct);
        Assert.Equal("org-1\norg-fresh", await server.SqlAsync(licensingDb, "SELECT organization_id FROM organization_cache ORDER BY organization_id", Ct));

        var (exitCode, output) = await fleet.LicensingAdminAsync("cleanup");

        Assert.True(exitCode == 0, output);
        Assert.Contains("removed 1 expired cached organisation(s)", output, StringComparison.Ordinal);
        Assert.Equal("org-fresh", await server.SqlAsync(licensingDb, "SELECT organization_id FROM organization_cache", Ct));
        Assert.Equal("lic-1", await server.SqlAsync(licensingDb, "SELECT license_id FROM licenses", Ct));
    }

    [Fact]
    public async Task A_wrong_postgresql_password_exits_69_naming_the_failure()
    {
        var server = postgres.Server;
        await using var fleet = new OStockFleet { LicensingConnectionString = server.ConnectionString(PostgresFixture.NewDatabase("licensing"), password: "wrong-password") };

        var (exitCode, output) = await fleet.LicensingAdminAsync("migrate");

        Assert.True(exitCode == 69, output);
        Assert.Contains($"password authentication failed for user \"{PostgresServer.Username}\"", output, StringComparison.Ordinal);
    }
}
