using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Discovery;

// Usage: Stratus.Bench.Failover <registry base URL> <pid to kill> <instance port> <seconds>
// A caller sends 200 GETs a second to http://organization-service/whoami; after 2 s the script's victim is killed
// with SIGKILL. Prints: calls, failures, ms from kill to the registry evicting the victim, ms from that eviction to
// the victim leaving the caller's view.
var registry = new Uri(args[0]);
var victimPid = int.Parse(args[1], CultureInfo.InvariantCulture);
var victimPort = int.Parse(args[2], CultureInfo.InvariantCulture);
var seconds = int.Parse(args[3], CultureInfo.InvariantCulture);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "probe", EnvironmentName = "Production" });
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Stratus:Discovery:ServiceUrl"] = new Uri(registry, "eureka/").ToString(),
    ["Stratus:Discovery:Register"] = "false",
});
builder.Services.AddHttpClient("org", c => c.BaseAddress = new Uri("http://organization-service/")).AddStratusLoadBalancing();
using var host = builder.Build();
await host.StartAsync();
var discovery = host.Services.GetRequiredService<IDiscoveryClient>();
var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("org");
while (discovery.GetInstances("organization-service").Length < 3)
{
    await Task.Delay(10);
}

var clock = Stopwatch.StartNew();
long killedAt = -1, evictedAt = -1, leftViewAt = -1;
var failures = 0;
var calls = new List<Task>();
using var registryClient = new HttpClient();
registryClient.DefaultRequestHeaders.Accept.ParseAdd("application/json");

var watcher = Task.Run(async () =>
{
    while (clock.Elapsed.TotalSeconds < seconds + 30 && (evictedAt < 0 || leftViewAt < 0))
    {
        if (killedAt >= 0 && evictedAt < 0)
        {
            var text = await registryClient.GetStringAsync(new Uri(registry, "eureka/apps/ORGANIZATION-SERVICE"));
            if (!text.Contains($"\"$\":{victimPort},", StringComparison.Ordinal))
            {
                evictedAt = clock.ElapsedMilliseconds;
            }
        }

        if (killedAt >= 0 && leftViewAt < 0 && !discovery.GetInstances("organization-service").Any(i => i.Port == victimPort))
        {
            leftViewAt = clock.ElapsedMilliseconds;
        }

        await Task.Delay(5);
    }
});

var next = TimeSpan.Zero;
while (clock.Elapsed.TotalSeconds < seconds)
{
    if (killedAt < 0 && clock.Elapsed.TotalSeconds >= 2)
    {
        Process.GetProcessById(victimPid).Kill();
        killedAt = clock.ElapsedMilliseconds;
    }

    calls.Add(Task.Run(async () =>
    {
        try
        {
            await client.GetStringAsync("whoami");
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failures);
        }
    }));
    next += TimeSpan.FromMilliseconds(5);
    var wait = next - clock.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }
}

await Task.WhenAll(calls);
await watcher;
Console.WriteLine(JsonSerializer.Serialize(new
{
    calls = calls.Count,
    failures,
    killToEvictionMs = evictedAt - killedAt,
    evictionToViewMs = leftViewAt - evictedAt,
}));
await host.StopAsync();
