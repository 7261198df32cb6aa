using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Stratus.IntegrationTests.Cli;

/// <summary>The <c>stratus auth-server</c> process with its documented demo client.</summary>
public sealed class AuthServerRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the role with the demo set and its SQLite file in a fresh folder.</summary>
    internal static Task<(StratusProcess Process, Uri BaseAddress)> StartWithDemoAsync() =>
        StratusProcess.StartRoleAsync("auth-server",
        [
            "--Stratus:AuthServer:EnableDemo=true",
            "--Stratus:AuthServer:Database:Path=" + Path.Combine(Directory.CreateTempSubdirectory("stratus-auth-role-").FullName, "auth.db"),
        ]);

    [Fact]
    public async Task Serves_discovery_and_demo_client_tokens_logs_json_and_stops_on_sigterm()
    {
        var (process, baseAddress) = await StartWithDemoAsync();
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var discovery = JsonDocument.Parse(await client.GetStringAsync(".well-known/openid-configuration", Ct)).RootElement;
            using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "licenses.read" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
            using var response = await client.SendAsync(request, Ct);
            var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

            Assert.Equal(baseAddress.AbsoluteUri, discovery.GetProperty("issuer").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var payload = token.GetProperty("access_token").GetString()!.Split('.')[1];
            var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=').Replace('-', '+').Replace('_', '/'))).RootElement;
            Assert.Equal("licensing-service", claims.GetProperty("aud").GetString());
            Assert.Equal("licenses.read", claims.GetProperty("scope").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("actuator/health", Ct)).StatusCode);
            Assert.Contains($"stratus auth-server listening on {baseAddress.ToString().TrimEnd('/')}", process.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("{", process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0], StringComparison.Ordinal);
            Assert.DoesNotContain(token.GetProperty("access_token").GetString()!, process.Stdout, StringComparison.Ordinal);

            process.Terminate();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
        }
    }

    [Fact]
    public async Task Rotate_keys_with_invalid_configuration_exits_78_naming_the_key_and_writes_no_database()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-rotate-").FullName;

        var (exitCode, stdout, stderr) = await StratusProcess.RunAsync("auth-server", "rotate-keys",
            "--Stratus:AuthServer:Database:Provider=PostgreSql", $"--Stratus:AuthServer:Database:Path={Path.Combine(folder, "auth.db")}");

        Assert.Equal(78, exitCode);
        Assert.Contains("Stratus:AuthServer:Database:ConnectionString is required", stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Invalid_configuration_stops_startup_naming_the_key()
    {
        await using var process = StratusProcess.Start(
            ["auth-server", "--urls", $"http://127.0.0.1:{StratusProcess.FreePort()}", "--Stratus:AuthServer:Database:Provider=PostgreSql"]);

        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(78, process.ExitCode);
        Assert.Contains("Stratus:AuthServer:Database:ConnectionString is required", process.Stdout + process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_stops_the_server_with_exit_70_naming_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-auth-bad-db-").FullName;
        var file = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "a file where the database folder should be", Ct);
        await using var process = StratusProcess.Start(
            ["auth-server", "--urls", $"http://127.0.0.1:{StratusProcess.FreePort()}", "--Stratus:AuthServer:Database:Path=" + Path.Combine(file, "auth.db")]);

        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(70, process.ExitCode);
        Assert.Contains("stratus auth-server: could not prepare the store", process.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"event.code\":\"3043\"", process.Stdout, StringComparison.Ordinal);
    }
}
