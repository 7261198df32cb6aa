using System.Net;
using System.Text;

namespace Stratus.IntegrationTests.Cli;

/// <summary>The <c>stratus registry</c> process as a newcomer and an operator use it.</summary>
public sealed class RegistryRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_logs_its_url_as_json_serves_curl_flow_and_stops_on_sigterm()
    {
        var (process, baseAddress) = await StratusProcess.StartRegistryAsync();
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            const string body = """
                {"instance":{"instanceId":"host1:customers:8080","hostName":"host1","app":"CUSTOMERS","ipAddr":"10.0.0.12",
                 "status":"UP","port":{"$":8080,"@enabled":"true"},
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
            using var register = await client.PostAsync("eureka/apps/CUSTOMERS", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            var xml = await client.GetStringAsync("eureka/apps", Ct);

            Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
            Assert.Contains("<instanceId>host1:customers:8080</instanceId>", xml, StringComparison.Ordinal);
            Assert.Contains($"stratus registry listening on {baseAddress.ToString().TrimEnd('/')}", process.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("{", process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0], StringComparison.Ordinal);

            process.Terminate();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
        }
    }

    [Fact]
    public async Task Environment_variables_and_command_line_reach_the_registry()
    {
        var (process, baseAddress) = await StratusProcess.StartRegistryAsync(
            ["--Stratus:Registry:DisableDelta=true"],
            new Dictionary<string, string> { ["Stratus__Registry__BearerToken"] = "t0ken" });
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseAddress };
            using var delta = await client.GetAsync("eureka/apps/delta", Ct);
            using var write = await client.DeleteAsync("eureka/apps/A/b", Ct);

            Assert.Equal(HttpStatusCode.Forbidden, delta.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }
    }

    [Fact]
    public async Task Invalid_configuration_stops_startup_naming_the_key()
    {
        await using var process = StratusProcess.Start(["registry", "--urls", $"http://127.0.0.1:{StratusProcess.FreePort()}", "--Stratus:Registry:RenewalPercentThreshold=7"]);

        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("RenewalPercentThreshold", process.Stdout + process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warns_when_listening_beyond_loopback_without_credentials()
    {
        var port = StratusProcess.FreePort();
        await using var process = StratusProcess.Start(["registry", "--urls", $"http://0.0.0.0:{port}"]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!process.Stdout.Contains("RegistryWritesUnauthenticated", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Contains("accepts writes without credentials", process.Stdout, StringComparison.Ordinal);
    }
}
