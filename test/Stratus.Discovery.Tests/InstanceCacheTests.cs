using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stratus.Eureka;

namespace Stratus.Discovery.Tests;

/// <summary>The instance cache against a scripted registry on Kestrel: deltas, reconciliation and every way a registry can fail.</summary>
public sealed class InstanceCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (InstanceCache Cache, EurekaTransport Transport) Create(string serviceUrl, bool keepOnEmpty = true)
    {
        var options = Options.Create(new DiscoveryOptions { ServiceUrl = serviceUrl, RegistryRequestTimeout = TimeSpan.FromSeconds(2), KeepViewOnEmptyResponse = keepOnEmpty });
        var transport = new EurekaTransport(options, NullLogger<EurekaTransport>.Instance);
        return (new InstanceCache(options, transport, TimeProvider.System, NullLogger<InstanceCache>.Instance), transport);
    }

    [Fact]
    public async Task A_full_fetch_lists_only_up_instances_sorted_and_case_insensitively()
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        registry.Answer = _ => (200, ScriptedRegistry.Listing("DOWN_1_UP_2_",
            ("ORG", "b", 8002, "UP"), ("ORG", "a", 8001, "UP"), ("ORG", "c", 8003, "DOWN")));
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            var instances = cache.GetInstances("org");
            Assert.Equal(["a", "b"], instances.Select(i => i.InstanceId));
            Assert.Equal(new Uri("http://127.0.0.1:8001/"), instances[0].Uri);
            Assert.Same(instances.First(), cache.GetInstances("ORG").First());
            Assert.Empty(cache.GetInstances("unknown"));
        }
    }

    [Theory]
    [InlineData(500, "{\"applications\":{}}", "HTTP 500")]
    [InlineData(403, "", "HTTP 403")]
    [InlineData(200, "<html>not json</html>", "not a Eureka listing")]
    [InlineData(200, "{\"applications\":{\"versions__delta\":\"2\",\"apps__hashcode\":\"\",\"application\":[]}}", "empty list")]
    public async Task A_failing_registry_never_blanks_the_view(int status, string body, string reason)
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        registry.Answer = _ => (200, ScriptedRegistry.Listing("UP_1_", ("ORG", "a", 8001, "UP")));
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            var before = cache.GetInstances("org");

            registry.Answer = _ => (status, body);
            Assert.False(await cache.FetchFullAsync(Token));
            Assert.False(await cache.FetchDeltaAsync(Token));

            Assert.Equal(before, cache.GetInstances("org"));
            Assert.False(cache.Health.LastFetchSucceeded);
            Assert.Contains(reason, cache.Health.LastError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task One_malformed_instance_is_skipped_and_the_rest_kept()
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        var broken = "{\"instanceId\":\"bad\",\"app\":\"ORG\",\"status\":\"UP\"}";
        registry.Answer = _ => (200, "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"UP_2_\",\"application\":[{\"name\":\"ORG\",\"instance\":["
            + ScriptedRegistry.Instance("ORG", "good", 8001, "UP") + "," + broken + "]}]}}");
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            Assert.Equal("good", Assert.Single(cache.GetInstances("org")).InstanceId);
        }
    }

    [Fact]
    public async Task A_delta_is_applied_and_a_hash_mismatch_falls_back_to_a_full_fetch()
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        var full = ScriptedRegistry.Listing("UP_2_", ("ORG", "a", 8001, "UP"), ("ORG", "b", 8002, "UP"));
        var delta = "{\"applications\":{\"versions__delta\":\"7\",\"apps__hashcode\":\"UP_2_\",\"application\":[{\"name\":\"ORG\",\"instance\":["
            + ScriptedRegistry.Instance("ORG", "a", 8001, "UP", "DELETED") + "," + ScriptedRegistry.Instance("ORG", "c", 8003, "UP", "ADDED") + "]}]}}";
        registry.Answer = request => (200, request.EndsWith("/delta", StringComparison.Ordinal) ? delta : full);
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            var unchangedB = cache.GetInstances("org");
            Assert.True(await cache.FetchDeltaAsync(Token));
            Assert.Equal(["b", "c"], cache.GetInstances("org").Select(i => i.InstanceId));
            Assert.NotEqual(unchangedB, cache.GetInstances("org"));

            // A delta whose hash does not match what the client computes: the client fetches everything again.
            var fullFetches = registry.Requests.Count(r => r.EndsWith("/apps/", StringComparison.Ordinal));
            delta = delta.Replace("\"UP_2_\"", "\"UP_5_\"", StringComparison.Ordinal);
            Assert.True(await cache.FetchDeltaAsync(Token));
            Assert.Equal(fullFetches + 1, registry.Requests.Count(r => r.EndsWith("/apps/", StringComparison.Ordinal)));
            Assert.Equal(["a", "b"], cache.GetInstances("org").Select(i => i.InstanceId));
        }
    }

    [Fact]
    public async Task An_unchanged_service_keeps_the_same_instance_array_across_fetches()
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        registry.Answer = _ => (200, ScriptedRegistry.Listing("UP_2_", ("ORG", "a", 8001, "UP"), ("LIC", "x", 9001, "UP")));
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            await cache.FetchFullAsync(Token);
            var org = cache.GetInstances("org");
            var version = cache.Version;
            await cache.FetchFullAsync(Token);
            Assert.True(org == cache.GetInstances("org"));
            Assert.Equal(version, cache.Version);
        }
    }

    [Fact]
    public async Task Fetches_fail_over_to_the_next_registry_and_stay_there()
    {
        await using var registry = await ScriptedRegistry.StartAsync();
        registry.Answer = _ => (200, ScriptedRegistry.Listing("UP_1_", ("ORG", "a", 8001, "UP")));
        var dead = $"http://127.0.0.1:{FreePort()}/eureka/";
        var (cache, transport) = Create(dead + "," + registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            Assert.Single(cache.GetInstances("org"));
            Assert.Equal(registry.ServiceUrl, transport.Current.BaseUri.ToString());
        }
    }

    [Fact]
    public async Task A_listing_in_the_form_a_spring_cloud_netflix_server_writes_is_read()
    {
        // Field order, string-typed @Auto fields, metadata map and a single object where an array may be expected,
        // as Spring Cloud Netflix's Eureka server (Jackson codec) writes them.
        const string Spring = """
            {"applications":{"versions__delta":"1","apps__hashcode":"UP_2_","application":[{"name":"LICENSING-SERVICE","instance":[
            {"instanceId":"192.168.1.10:licensing-service:8180","hostName":"192.168.1.10","app":"LICENSING-SERVICE","ipAddr":"192.168.1.10","status":"UP","overriddenStatus":"UNKNOWN","port":{"$":8180,"@enabled":"true"},"securePort":{"$":443,"@enabled":"false"},"countryId":1,"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},"leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":90,"registrationTimestamp":1732400000000,"lastRenewalTimestamp":1732400030000,"evictionTimestamp":0,"serviceUpTimestamp":1732399999000},"metadata":{"management.port":"8180","zone":"zone1"},"homePageUrl":"http://192.168.1.10:8180/","statusPageUrl":"http://192.168.1.10:8180/actuator/info","healthCheckUrl":"http://192.168.1.10:8180/actuator/health","vipAddress":"licensing-service","secureVipAddress":"licensing-service","isCoordinatingDiscoveryServer":"false","lastUpdatedTimestamp":"1732400000000","lastDirtyTimestamp":"1732399999000","actionType":"ADDED"}]},
            {"name":"ORGANIZATION-SERVICE","instance":{"instanceId":"org1","hostName":"org-host","app":"ORGANIZATION-SERVICE","ipAddr":"10.0.0.5","status":"UP","overriddenStatus":"UNKNOWN","port":{"$":8081,"@enabled":"false"},"securePort":{"$":8443,"@enabled":"true"},"countryId":1,"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},"metadata":{"@class":"java.util.Collections$EmptyMap"},"vipAddress":"organization-service","isCoordinatingDiscoveryServer":"false","lastUpdatedTimestamp":"1732400000000","lastDirtyTimestamp":"1732399999000","actionType":"ADDED"}}]}}
            """;
        await using var registry = await ScriptedRegistry.StartAsync();
        registry.Answer = _ => (200, Spring);
        var (cache, transport) = Create(registry.ServiceUrl);
        using (transport)
        {
            Assert.True(await cache.FetchFullAsync(Token));
            var licensing = Assert.Single(cache.GetInstances("licensing-service"));
            Assert.Equal(new Uri("http://192.168.1.10:8180/"), licensing.Uri);
            Assert.Equal("zone1", licensing.Zone);
            var organization = Assert.Single(cache.GetInstances("organization-service"));
            Assert.True(organization.IsSecure);
            Assert.Equal(new Uri("https://org-host:8443/"), organization.Uri);
            Assert.Equal(InstanceStatus.Up, organization.Status);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
