using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Discovery;

namespace Stratus.IntegrationTests.Discovery;

/// <summary>
/// The user's story with real processes: services register with a real <c>stratus registry</c>, a caller reaches
/// them by name, spread over all of them, and keeps working through a crash and a registry outage.
/// </summary>
public sealed class DiscoveryProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_registers_with_its_bound_port_and_deregisters_on_sigterm()
    {
        await using var fleet = await ServiceFleet.StartAsync();
        var (process, address, _) = await fleet.StartServiceAsync("organization-service", "a");

        await ServiceFleet.WaitUntilAsync(async () => (await fleet.RegisteredAsync("organization-service")).Count == 1,
            TimeSpan.FromSeconds(10), "registration");
        var id = Assert.Single(await fleet.RegisteredAsync("organization-service"));
        Assert.Equal($"127.0.0.1:organization-service:{address.Port}", id);

        process.Terminate();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(15));

        // Gone at once, not after the lease expires; and said so in the service's log.
        Assert.Empty(await fleet.RegisteredAsync("organization-service"));
        Assert.Contains("Deregistered ORGANIZATION-SERVICE/", process.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task A_service_starts_at_once_while_the_registry_is_down_and_registers_when_it_comes_up()
    {
        var port = StratusProcess.FreePort();
        var missing = $"http://127.0.0.1:{port}/eureka/";
        var servicePort = StratusProcess.FreePort();
        await using var service = StratusProcess.StartDll("Stratus.TestService.dll",
        [
            "--urls", $"http://127.0.0.1:{servicePort}",
            $"--Stratus:Discovery:ServiceUrl={missing}",
            "--Stratus:Discovery:AppName=late-service",
            "--InstanceName=late",
        ]);
        using var client = new HttpClient();
        await ServiceFleet.WaitUntilAsync(async () =>
        {
            try
            {
                return await client.GetStringAsync(new Uri($"http://127.0.0.1:{servicePort}/whoami")) == "late";
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "the service to serve while no registry answers");

        var (registry, _) = await StratusProcess.StartRegistryAsync(fixedPort: port);
        await using (registry)
        {
            await ServiceFleet.WaitUntilAsync(async () =>
            {
                using var r = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/eureka/apps/LATE-SERVICE"));
                return r.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(20), "the late registration");
        }

        Assert.Contains("Could not register LATE-SERVICE", service.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_by_name_spread_over_every_instance_and_survive_kill_9_of_one()
    {
        await using var fleet = await ServiceFleet.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await fleet.StartServiceAsync("organization-service", name);
        }

        using var caller = fleet.StartCaller("organization-service");
        var discovery = caller.Services.GetRequiredService<IDiscoveryClient>();
        await ServiceFleet.WaitUntilAsync(() => Task.FromResult(discovery.GetInstances("organization-service").Length == 3),
            TimeSpan.FromSeconds(15), "the caller to see three instances");
        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("target");

        // Round robin: 90 calls land 30 on each instance.
        var hits = new Dictionary<string, int>();
        for (var i = 0; i < 90; i++)
        {
            var who = await client.GetStringAsync("whoami", Token);
            hits[who] = hits.GetValueOrDefault(who) + 1;
        }

        Assert.Equal(new Dictionary<string, int> { ["a"] = 30, ["b"] = 30, ["c"] = 30 }, hits);

        // 200 GETs a second; kill -9 one instance after the first half second.
        var failures = new ConcurrentQueue<string>();
        var served = new ConcurrentDictionary<string, int>();
        var calls = new List<Task>();
        var victim = fleet.Services[1];
        for (var i = 0; i < 600; i++)
        {
            if (i == 100)
            {
                victim.Process.KillHard();
            }

            calls.Add(Task.Run(async () =>
            {
                try
                {
                    var who = await client.GetStringAsync("whoami", Token);
                    served.AddOrUpdate(who, 1, (_, n) => n + 1);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex.Message);
                }
            }, Token));
            await Task.Delay(5, Token);
        }

        await Task.WhenAll(calls);
        Assert.Empty(failures);
        Assert.Equal(600, served.Values.Sum());
        Assert.True(served.GetValueOrDefault("a") > 100 && served.GetValueOrDefault("c") > 100, string.Join(", ", served));

        // The registry evicts the dead instance; the caller's view follows.
        await ServiceFleet.WaitUntilAsync(() => Task.FromResult(discovery.GetInstances("organization-service").Length == 2),
            TimeSpan.FromSeconds(20), "the dead instance to leave the caller's view");
        Assert.DoesNotContain(discovery.GetInstances("organization-service"), i => i.Port == victim.Address.Port);
    }

    [Fact]
    public async Task A_registry_outage_keeps_the_last_good_view_and_reports_degraded_health()
    {
        await using var fleet = await ServiceFleet.StartAsync();
        await fleet.StartServiceAsync("licensing-service", "a");
        await fleet.StartServiceAsync("licensing-service", "b");
        using var caller = fleet.StartCaller("licensing-service", ("Stratus:Discovery:RegistryFetchInterval", "00:00:01"));
        var discovery = caller.Services.GetRequiredService<IDiscoveryClient>();
        await ServiceFleet.WaitUntilAsync(() => Task.FromResult(discovery.GetInstances("licensing-service").Length == 2),
            TimeSpan.FromSeconds(15), "the caller to see two instances");

        fleet.Registry.KillHard();
        var health = caller.Services.GetRequiredService<HealthCheckService>();
        await ServiceFleet.WaitUntilAsync(async () => (await health.CheckHealthAsync(Token)).Status == HealthStatus.Degraded,
            TimeSpan.FromSeconds(15), "health to say the view is stale");

        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("target");
        var answers = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetStringAsync("whoami", Token));
        }

        Assert.Equal(["a", "b"], answers.Order());
        Assert.Equal(2, discovery.GetInstances("licensing-service").Length);
        var report = await health.CheckHealthAsync(Token);
        Assert.Contains("last good registry view", report.Entries["discovery"].Description, StringComparison.Ordinal);
    }
}
