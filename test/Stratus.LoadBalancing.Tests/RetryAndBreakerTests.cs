using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Discovery;
using Stratus.Testing;

namespace Stratus.LoadBalancing.Tests;

/// <summary>Retry and breaker rules against real Kestrel instances.</summary>
public sealed class RetryAndBreakerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class Instance(WebServer server, ConcurrentDictionary<string, int> hits) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => server.DisposeAsync();

        public WebServer Server => server;

        public int Hits => hits.Values.Sum();

        public ServiceInstance AsService(string id) => new("ORG", id, "127.0.0.1", server.BaseAddress.Port, false);
    }

    private static async Task<Instance> StartAsync(string name, int status = 200, int delayMs = 0)
    {
        var hits = new ConcurrentDictionary<string, int>();
        var server = await WebServer.StartAsync(app => app.Run(async context =>
        {
            hits.AddOrUpdate(context.Request.Method, 1, (_, n) => n + 1);
            if (delayMs > 0)
            {
                await Task.Delay(delayMs, context.RequestAborted);
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsync(name);
        }));
        return new Instance(server, hits);
    }

    private static (HttpClient Client, ServiceProvider Provider) Caller(StaticDiscovery discovery, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Stratus:Discovery:Register"] = "false" })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IDiscoveryClient>(discovery);
        services.AddHttpClient("org", c => c.BaseAddress = new Uri("http://org/")).AddStratusLoadBalancing();
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<LoadBalancingOptions>>().Value;
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient("org"), provider);
    }

    [Fact]
    public async Task A_failed_get_is_retried_on_another_instance()
    {
        await using var bad = await StartAsync("bad", 503);
        await using var good = await StartAsync("good");
        await using var good2 = await StartAsync("good2");
        var (client, provider) = Caller(new StaticDiscovery(bad.AsService("a"), good.AsService("b"), good2.AsService("c")));
        using (provider)
        {
            for (var i = 0; i < 30; i++)
            {
                using var response = await client.GetAsync("x", Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.InRange(bad.Hits, 1, 10);
            Assert.Equal(30, good.Hits + good2.Hits);
        }
    }

    [Fact]
    public async Task A_post_is_never_sent_twice_unless_it_carries_an_idempotency_key()
    {
        await using var bad = await StartAsync("bad", 503);
        await using var good = await StartAsync("good");
        var (client, provider) = Caller(new StaticDiscovery(bad.AsService("a"), good.AsService("b")));
        using (provider)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var response = await client.PostAsync("x", new StringContent("order"), Token);
                statuses.Add(response.StatusCode);
            }

            Assert.Equal(4, bad.Hits + good.Hits);
            Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));

            for (var i = 0; i < 4; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "x") { Content = new StringContent("order") };
                request.Headers.Add("Idempotency-Key", "order-" + i);
                using var response = await client.SendAsync(request, Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_put_is_retried_only_when_configured()
    {
        await using var bad = await StartAsync("bad", 503);
        await using var good = await StartAsync("good");
        var (plain, p1) = Caller(new StaticDiscovery(bad.AsService("a"), good.AsService("b")));
        var (configured, p2) = Caller(new StaticDiscovery(bad.AsService("a"), good.AsService("b")),
            ("Stratus:LoadBalancing:Services:org:Resilience:RetryPutAndDelete", "true"));
        using (p1)
        using (p2)
        {
            var plainStatuses = new List<HttpStatusCode>();
            for (var i = 0; i < 2; i++)
            {
                using var response = await plain.PutAsync("x", new StringContent("v"), Token);
                plainStatuses.Add(response.StatusCode);
            }

            Assert.Contains(HttpStatusCode.ServiceUnavailable, plainStatuses);
            for (var i = 0; i < 2; i++)
            {
                using var response = await configured.PutAsync("x", new StringContent("v"), Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_post_because_nothing_was_sent()
    {
        await using var good = await StartAsync("good");
        var deadPort = FreePort();
        var (client, provider) = Caller(new StaticDiscovery(new ServiceInstance("ORG", "dead", "127.0.0.1", deadPort, false), good.AsService("b")));
        using (provider)
        {
            for (var i = 0; i < 6; i++)
            {
                using var response = await client.PostAsync("x", new StringContent("order"), Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Equal(6, good.Hits);
        }
    }

    [Fact]
    public async Task A_failing_instance_leaves_rotation_when_its_breaker_opens_and_events_are_counted()
    {
        var measurements = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LoadBalancingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        listener.Start();

        await using var bad = await StartAsync("bad", 500);
        await using var good = await StartAsync("good");
        var (client, provider) = Caller(new StaticDiscovery(bad.AsService("a"), good.AsService("b")),
            ("Stratus:LoadBalancing:Resilience:MinimumThroughput", "2"),
            ("Stratus:LoadBalancing:Resilience:BreakDuration", "00:01:00"));
        using (provider)
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await client.GetAsync("x", Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var badHits = bad.Hits;
            for (var i = 0; i < 20; i++)
            {
                using var response = await client.GetAsync("x", Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Equal(badHits, bad.Hits);
            Assert.True(measurements.GetValueOrDefault("stratus.loadbalancer.breaker.opened") >= 1);
            Assert.True(measurements.GetValueOrDefault("stratus.loadbalancer.retries") >= 1);
        }
    }

    [Fact]
    public async Task A_slow_instance_times_out_and_the_call_goes_to_another()
    {
        await using var slow = await StartAsync("slow", delayMs: 3000);
        await using var fast = await StartAsync("fast");
        var (client, provider) = Caller(new StaticDiscovery(slow.AsService("a"), fast.AsService("b")),
            ("Stratus:LoadBalancing:Resilience:AttemptTimeout", "00:00:00.200"));
        using (provider)
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal("fast", await client.GetStringAsync("x", Token));
            }
        }
    }

    [Fact]
    public async Task A_service_without_instances_fails_with_a_message_naming_it()
    {
        var (client, provider) = Caller(new StaticDiscovery(), ("Stratus:LoadBalancing:Resilience:MaxRetryAttempts", "0"));
        using (provider)
        {
            var error = await Assert.ThrowsAsync<NoInstanceAvailableException>(() => client.GetAsync("x", Token));
            Assert.Equal("No UP instance of service 'org' is known to the registry.", error.Message);
        }
    }

    [Theory]
    [InlineData("Stratus:LoadBalancing:Resilience:MaxRetryAttempts", "-1", "Stratus:LoadBalancing:Resilience:MaxRetryAttempts must be between 0 and 10")]
    [InlineData("Stratus:LoadBalancing:Services:org:Resilience:AttemptTimeout", "-00:00:01", "Stratus:LoadBalancing:Services:org:Resilience:AttemptTimeout must be positive")]
    [InlineData("Stratus:LoadBalancing:Resilience:FailureRatio", "lots", "Stratus:LoadBalancing:Resilience:FailureRatio")]
    public async Task Misconfiguration_fails_at_start_naming_the_key(string key, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => WebServer.StartAsync(_ => { },
            builder => builder.Services.AddHttpClient("org").AddStratusLoadBalancing(),
            new Dictionary<string, string?> { [key] = value, ["Stratus:Discovery:Register"] = "false", ["Stratus:Discovery:Fetch"] = "false" }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
