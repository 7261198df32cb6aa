using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Discovery;

namespace Stratus.Benchmarks.LoadBalancing;

/// <summary>
/// One GET to a local Kestrel server: through an <see cref="HttpClient"/> with a fixed address (baseline) and
/// through <c>http://org</c> resolved by discovery, balanced and sent through the default resilience pipeline.
/// Goal: at most 1.10× the baseline.
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private WebApplication _server = null!;
    private ServiceProvider _services = null!;
    private HttpClient _fixed = null!;
    private HttpClient _balanced = null!;
    private HttpClient _standardHandler = null!;

    /// <summary>For comparison: Microsoft.Extensions.Http.Resilience's handler with nothing but a time-out in it.</summary>
    [Benchmark(Description = "fixed address + AddResilienceHandler (time-out only)")]
    public Task<string> StandardHandler() => _standardHandler.GetStringAsync("hello");

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/hello", () => Results.Text("hello"));
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Stratus:Discovery:Register"] = "false" }).Build());
        services.AddSingleton<IDiscoveryClient>(new FixedDiscovery([new ServiceInstance("ORG", "one", "127.0.0.1", address.Port, false)]));
        services.AddHttpClient("fixed", c => c.BaseAddress = address);
        services.AddHttpClient("balanced", c => c.BaseAddress = new Uri("http://org/")).AddStratusLoadBalancing();
        services.AddHttpClient("polly", c => c.BaseAddress = address).AddResilienceHandler("x", b => Polly.TimeoutResiliencePipelineBuilderExtensions.AddTimeout(b, TimeSpan.FromSeconds(30)));
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _fixed = factory.CreateClient("fixed");
        _balanced = factory.CreateClient("balanced");
        _standardHandler = factory.CreateClient("polly");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "HttpClient GET to a fixed address")]
    public Task<string> Fixed() => _fixed.GetStringAsync("hello");

    [Benchmark(Description = "GET http://org via discovery + load balancing + resilience")]
    public Task<string> Balanced() => _balanced.GetStringAsync("hello");
}
