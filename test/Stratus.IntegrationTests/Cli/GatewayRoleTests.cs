using System.Net;
using System.Text;

namespace Stratus.IntegrationTests.Cli;

/// <summary>
/// The <c>stratus gateway</c> process in front of a <c>stratus registry</c> process: a route given on the command line,
/// an <c>lb://</c> route resolved through that registry, and a graceful stop on SIGTERM.
/// </summary>
public sealed class GatewayRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routes_from_the_command_line_reach_a_fixed_and_a_load_balanced_upstream_and_stop_on_sigterm()
    {
        var (registry, registryAddress) = await StratusProcess.StartRegistryAsync();
        await using (registry)
        {
            using var http = new HttpClient { BaseAddress = registryAddress, Timeout = TimeSpan.FromSeconds(10) };
            var self = $$"""
                {"instance":{"instanceId":"reg-1","hostName":"127.0.0.1","app":"EUREKA","ipAddr":"127.0.0.1","status":"UP",
                 "port":{"$":{{registryAddress.Port}},"@enabled":"true"},
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"} } }
                """;
            using (var registered = await http.PostAsync("eureka/apps/EUREKA", new StringContent(self, Encoding.UTF8, "application/json"), Ct))
            {
                Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
            }

            var registryUrl = registryAddress.ToString().TrimEnd('/');
            var (gateway, gatewayAddress) = await StratusProcess.StartRoleAsync("gateway", [
                $"--Stratus:Discovery:ServiceUrl={registryUrl}/eureka/",
                "--Stratus:Gateway:Routes:0:Id=fixed", $"--Stratus:Gateway:Routes:0:Uri={registryUrl}",
                "--Stratus:Gateway:Routes:0:Predicates:0=Path=/fixed/**", "--Stratus:Gateway:Routes:0:Filters:0=StripPrefix=1",
                "--Stratus:Gateway:Routes:1:Id=balanced", "--Stratus:Gateway:Routes:1:Uri=lb://eureka",
                "--Stratus:Gateway:Routes:1:Predicates:0=Path=/lb/**", "--Stratus:Gateway:Routes:1:Filters:0=StripPrefix=1",
            ]);
            await using (gateway)
            {
                using var client = new HttpClient { BaseAddress = gatewayAddress, Timeout = TimeSpan.FromSeconds(10) };
                using var fixedRoute = await client.GetAsync("fixed/eureka/apps/EUREKA", Ct);
                Assert.Equal(HttpStatusCode.OK, fixedRoute.StatusCode);
                Assert.Contains("reg-1", await fixedRoute.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

                var clock = System.Diagnostics.Stopwatch.StartNew();
                HttpStatusCode status;
                do
                {
                    using var balanced = await client.GetAsync("lb/eureka/apps/EUREKA", Ct);
                    status = balanced.StatusCode;
                    if (status != HttpStatusCode.OK)
                    {
                        await Task.Delay(200, Ct);
                    }
                }
                while (status != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(20));

                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Contains($"stratus gateway listening on {gatewayAddress.ToString().TrimEnd('/')}", gateway.Stdout, StringComparison.Ordinal);

                gateway.Terminate();
                await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(0, gateway.ExitCode);
            }
        }
    }
}
