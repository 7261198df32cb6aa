using System.Net;
using System.Text.Json;

namespace Stratus.IntegrationTests.Cli;

/// <summary>What every <c>stratus</c> server shares: actuator endpoints, Prometheus metrics and ECS JSON log lines.</summary>
public sealed class ActuatorRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("registry")]
    [InlineData("gateway")]
    public async Task A_role_serves_health_info_prometheus_when_exposed_and_an_index_and_logs_ecs_json_under_its_name(string role)
    {
        string[] args = ["--Stratus:Management:Exposure:Include=health,info,prometheus", .. role == "gateway" ? ["--Stratus:Discovery:Fetch=false"] : Array.Empty<string>()];
        var (process, baseAddress) = await StratusProcess.StartRoleAsync(role, args);
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using (var health = JsonDocument.Parse(await client.GetStringAsync("actuator/health", Ct)))
            {
                Assert.Equal("UP", health.RootElement.GetProperty("status").GetString());
            }

            using var info = await client.GetAsync("actuator/info", Ct);
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);

            // Kestrel's and the runtime's meters in Prometheus' text format, once a request has been measured.
            var prometheus = await client.GetStringAsync("actuator/prometheus", Ct);
            Assert.Contains("# TYPE ", prometheus, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration", prometheus, StringComparison.Ordinal);

            using (var index = JsonDocument.Parse(await client.GetStringAsync("actuator", Ct)))
            {
                var links = index.RootElement.GetProperty("_links");
                foreach (var id in new[] { "health", "info", "prometheus" })
                {
                    Assert.True(links.TryGetProperty(id, out _), $"the index lacks {id}");
                }
            }

            // Endpoints not asked for stay unexposed.
            using var env = await client.GetAsync("actuator/env", Ct);
            Assert.NotEqual(HttpStatusCode.OK, env.StatusCode);

            var first = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            using var line = JsonDocument.Parse(first);
            Assert.True(line.RootElement.TryGetProperty("@timestamp", out _), first);
            Assert.Contains($"\"{role}\"", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task By_default_a_role_exposes_health_and_info_only()
    {
        var (process, baseAddress) = await StratusProcess.StartRoleAsync("gateway", ["--Stratus:Discovery:Fetch=false"]);
        await using (process)
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var info = await client.GetAsync("actuator/info", Ct);
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            using var prometheus = await client.GetAsync("actuator/prometheus", Ct);
            Assert.NotEqual(HttpStatusCode.OK, prometheus.StatusCode);
        }
    }
}
