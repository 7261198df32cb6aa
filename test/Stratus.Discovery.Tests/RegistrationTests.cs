using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Testing;

namespace Stratus.Discovery.Tests;

/// <summary>A service on Kestrel registering with the real Stratus registry (library, on Kestrel too).</summary>
public sealed class RegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<WebServer> StartServiceAsync(WebServer registry, string appName, string name, params (string, string)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Discovery:ServiceUrl"] = new Uri(registry.BaseAddress, "eureka/").ToString(),
            ["spring:application:name"] = appName,
            ["Stratus:Discovery:LeaseRenewalInterval"] = "00:00:01",
            ["Stratus:Discovery:LeaseExpirationDuration"] = "00:00:03",
            ["Stratus:Discovery:Metadata:version"] = "1.2",
            ["Stratus:Discovery:Zone"] = "zone-a",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return WebServer.StartAsync(app => app.MapGet("/whoami", () => name),
            builder => builder.Services.AddStratusDiscovery(), settings);
    }

    private static async Task<JsonElement?> InstanceAsync(WebServer registry, string app)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry.BaseAddress, "eureka/apps/" + app));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        var instances = root.GetProperty("application").GetProperty("instance");
        return instances.ValueKind == JsonValueKind.Array ? instances[0] : instances;
    }

    [Fact]
    public async Task Registration_carries_the_bound_port_spring_app_name_metadata_zone_and_urls()
    {
        await using var registry = await WebServer.StartRegistryAsync();
        await using var service = await StartServiceAsync(registry, "organization-service", "a");
        var registration = service.Services.GetRequiredService<IDiscoveryRegistration>();
        await WebServer.WaitUntilAsync(() => registration.IsRegistered, TimeSpan.FromSeconds(10), "registration");

        var instance = (await InstanceAsync(registry, "ORGANIZATION-SERVICE"))!.Value;
        var port = service.BaseAddress.Port;
        Assert.Equal($"127.0.0.1:organization-service:{port}", instance.GetProperty("instanceId").GetString());
        Assert.Equal(port, instance.GetProperty("port").GetProperty("$").GetInt32());
        Assert.Equal("UP", instance.GetProperty("status").GetString());
        Assert.Equal("1.2", instance.GetProperty("metadata").GetProperty("version").GetString());
        Assert.Equal("zone-a", instance.GetProperty("metadata").GetProperty("zone").GetString());
        Assert.Equal($"http://127.0.0.1:{port}/actuator/health", instance.GetProperty("healthCheckUrl").GetString());
        Assert.Equal("organization-service", instance.GetProperty("vipAddress").GetString());
        Assert.Equal(1, instance.GetProperty("leaseInfo").GetProperty("renewalIntervalInSecs").GetInt32());
    }

    [Fact]
    public async Task A_status_change_reaches_the_registry_and_callers_stop_seeing_the_instance()
    {
        await using var registry = await WebServer.StartRegistryAsync();
        await using var service = await StartServiceAsync(registry, "organization-service", "a");
        var registration = service.Services.GetRequiredService<IDiscoveryRegistration>();
        await WebServer.WaitUntilAsync(() => registration.IsRegistered, TimeSpan.FromSeconds(10), "registration");
        var discovery = service.Services.GetRequiredService<IDiscoveryClient>();
        await WebServer.WaitUntilAsync(() => discovery.GetInstances("organization-service").Length == 1, TimeSpan.FromSeconds(10), "the own instance in the view");

        Assert.True(await registration.SetStatusAsync(InstanceStatus.OutOfService, Token));

        Assert.Equal("OUT_OF_SERVICE", (await InstanceAsync(registry, "ORGANIZATION-SERVICE"))!.Value.GetProperty("status").GetString());
        await WebServer.WaitUntilAsync(() => discovery.GetInstances("organization-service").IsEmpty, TimeSpan.FromSeconds(10), "the view to drop it");
    }

    [Fact]
    public async Task A_registry_that_forgot_the_instance_gets_it_back_at_the_next_renewal()
    {
        await using var registry = await WebServer.StartRegistryAsync();
        await using var service = await StartServiceAsync(registry, "organization-service", "a");
        var registration = service.Services.GetRequiredService<IDiscoveryRegistration>();
        await WebServer.WaitUntilAsync(() => registration.IsRegistered, TimeSpan.FromSeconds(10), "registration");
        var id = registration.Instance!.InstanceId;

        using var client = new HttpClient();
        using (var cancel = await client.DeleteAsync(new Uri(registry.BaseAddress, $"eureka/apps/ORGANIZATION-SERVICE/{Uri.EscapeDataString(id)}"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        Assert.Null(await InstanceAsync(registry, "ORGANIZATION-SERVICE"));
        JsonElement? back = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (back is null && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, Token);
            back = await InstanceAsync(registry, "ORGANIZATION-SERVICE");
        }

        Assert.Equal(id, back?.GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task Microsoft_service_discovery_resolves_app_names_through_the_registry()
    {
        await using var registry = await WebServer.StartRegistryAsync();
        await using var a = await StartServiceAsync(registry, "organization-service", "a");
        await using var b = await StartServiceAsync(registry, "organization-service", "b");

        await using var caller = await WebServer.StartAsync(_ => { }, builder =>
        {
            builder.Services.AddServiceDiscovery().AddStratusDiscovery();
            builder.Services.AddHttpClient("org", c => c.BaseAddress = new Uri("http://organization-service/")).AddServiceDiscovery();
        }, new Dictionary<string, string?>
        {
            ["Stratus:Discovery:ServiceUrl"] = new Uri(registry.BaseAddress, "eureka/").ToString(),
            ["Stratus:Discovery:Register"] = "false",
        });
        var discovery = caller.Services.GetRequiredService<IDiscoveryClient>();
        await WebServer.WaitUntilAsync(() => discovery.GetInstances("organization-service").Length == 2, TimeSpan.FromSeconds(10), "two instances");

        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("org");
        var answers = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetStringAsync("whoami", Token));
        }

        Assert.Equal(["a", "b"], answers.Order());
    }

    [Theory]
    [InlineData("Stratus:Discovery:ServiceUrl", "not a url", "Stratus:Discovery:ServiceUrl: 'not a url' is not an absolute http or https URL")]
    [InlineData("Stratus:Discovery:LeaseRenewalInterval", "-00:00:05", "Stratus:Discovery:LeaseRenewalInterval must be positive")]
    [InlineData("eureka:client:registry-fetch-interval-seconds", "soon", "eureka.client.registry-fetch-interval-seconds must be a whole number")]
    [InlineData("Stratus:Discovery:LeaseExpirationDuration", "00:00:10", "must be longer than Stratus:Discovery:LeaseRenewalInterval")]
    public async Task Misconfiguration_fails_at_start_naming_the_key(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebServer.StartAsync(_ => { },
            builder => builder.Services.AddStratusDiscovery(), new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spring_names_bind_when_no_stratus_key_is_set()
    {
        var services = new ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["spring:application:name"] = "licensing-service",
            ["eureka:client:serviceUrl:defaultZone"] = "http://peer1:8761/eureka/,http://peer2:8761/eureka/",
            ["eureka:client:fetch-registry"] = "false",
            ["eureka:instance:lease-renewal-interval-in-seconds"] = "5",
            ["eureka:instance:lease-expiration-duration-in-seconds"] = "15",
            ["eureka:instance:prefer-ip-address"] = "true",
            ["eureka:instance:metadata-map:zone"] = "zone2",
            ["Stratus:Discovery:LeaseRenewalInterval"] = "00:00:04",
        }).Build();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddStratusDiscovery();
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<DiscoveryOptions>>().Value;

        Assert.Equal("licensing-service", options.AppName);
        Assert.Equal("http://peer1:8761/eureka/,http://peer2:8761/eureka/", options.ServiceUrl);
        Assert.False(options.Fetch);
        Assert.Equal(TimeSpan.FromSeconds(4), options.LeaseRenewalInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseExpirationDuration);
        Assert.True(options.PreferIpAddress);
        Assert.Equal("zone2", options.Zone);
    }

    [Fact]
    public void Registry_urls_keep_credentials_out_of_logs()
    {
        Assert.True(RegistryEndpoint.TryParse("http://eureka:s3cret@peer1:8761/eureka", out var endpoint));
        Assert.Equal(new Uri("http://peer1:8761/eureka/"), endpoint.BaseUri);
        Assert.Equal("Basic", endpoint.Authorization!.Scheme);
        Assert.Equal("http://eureka:****@peer1:8761/eureka", endpoint.Display);
        Assert.DoesNotContain("s3cret", endpoint.ToString(), StringComparison.Ordinal);
    }
}
