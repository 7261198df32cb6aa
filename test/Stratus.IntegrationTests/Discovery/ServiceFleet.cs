using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.IntegrationTests.Discovery;

/// <summary>A real registry process, real service processes registering with it, and an in-test caller.</summary>
public sealed class ServiceFleet : IAsyncDisposable
{
    private readonly List<StratusProcess> _processes = [];

    public StratusProcess Registry { get; private set; } = null!;

    public Uri RegistryBase { get; private set; } = null!;

    public string ServiceUrl => new Uri(RegistryBase, "eureka/").ToString();

    public List<(StratusProcess Process, Uri Address, string Name)> Services { get; } = [];

    /// <summary>Registry with short leases and eviction, so crashes show within seconds.</summary>
    public static async Task<ServiceFleet> StartAsync(params string[] registryArgs)
    {
        var fleet = new ServiceFleet();
        var (registry, address) = await StratusProcess.StartRegistryAsync(
            ["--Stratus:Registry:EvictionInterval=00:00:01", "--Stratus:Registry:EnableSelfPreservation=false", .. registryArgs]);
        fleet.Registry = registry;
        fleet.RegistryBase = address;
        return fleet;
    }

    public async Task<(StratusProcess Process, Uri Address, string Name)> StartServiceAsync(string appName, string name, params string[] extra)
    {
        var port = StratusProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = StratusProcess.StartDll("Stratus.TestService.dll",
        [
            "--urls", address.ToString().TrimEnd('/'),
            $"--Stratus:Discovery:ServiceUrl={ServiceUrl}",
            $"--Stratus:Discovery:AppName={appName}",
            "--Stratus:Discovery:LeaseRenewalInterval=00:00:01",
            "--Stratus:Discovery:LeaseExpirationDuration=00:00:02",
            $"--InstanceName={name}",
            .. extra,
        ]);
        _processes.Add(process);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited: {process.Stdout}{process.Stderr}");
            }

            try
            {
                return await client.GetStringAsync(new Uri(address, "whoami")) == name;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                // Listening but still starting (a loaded machine).
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{name} to answer");
        var entry = (process, address, name);
        Services.Add(entry);
        return entry;
    }

    /// <summary>Instance ids the registry lists for an app (JSON API).</summary>
    public async Task<List<string>> RegisteredAsync(string appName)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(RegistryBase, $"eureka/apps/{appName.ToUpperInvariant()}"));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var instances = document.RootElement.GetProperty("application").GetProperty("instance");
        return instances.ValueKind == JsonValueKind.Array
            ? [.. instances.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)]
            : [instances.GetProperty("instanceId").GetString()!];
    }

    /// <summary>An in-test caller: discovery without registering, load balancing on the named client <c>target</c>.</summary>
    public IHost StartCaller(string targetService, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ApplicationName = "caller" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Discovery:ServiceUrl"] = ServiceUrl,
            ["Stratus:Discovery:Register"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddHttpClient("target", client => client.BaseAddress = new Uri($"http://{targetService}/")).AddStratusLoadBalancing();
        var host = builder.Build();
        host.Start();
        return host;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}
