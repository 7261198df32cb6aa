using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary><c>lb://</c> routes resolve through a real Stratus registry and the Stratus load balancer.</summary>
public sealed class LoadBalancedRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lb_routes_spread_over_the_registered_instances_and_answer_503_when_there_are_none()
    {
        await using var registry = await StartRegistryAsync();
        var registryUrl = RegistryUrl(registry);
        await using var one = await Backend.StartAsync("one");
        await using var two = await Backend.StartAsync("two");
        await RegisterAsync(registryUrl, "ORDERS", one);
        await RegisterAsync(registryUrl, "ORDERS", two);

        var routes = Routes.Json(
            Routes.Route("orders", "lb://orders", ["Path=/orders/**"], ["StripPrefix=1"]),
            Routes.Route("missing", "lb://missing-service", ["Path=/missing/**"]));
        await using var gateway = await GatewayHost.StartAsync(routes, new Dictionary<string, string?> { ["Stratus:Discovery:ServiceUrl"] = registryUrl });

        var seen = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var echo = await RoutingTests.GetEchoAsync(gateway, "orders/list");
            Assert.Equal("/list", echo.Path);
            seen.Add(echo.Backend);
        }

        Assert.Equal(["one", "two"], seen.Order());
        using var missing = await gateway.Client.GetAsync(new Uri("missing/x", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
        Assert.Contains("No instance available for missing-service", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_discovery_locator_routes_every_registered_service_by_its_id()
    {
        await using var registry = await StartRegistryAsync();
        var registryUrl = RegistryUrl(registry);
        await using var billing = await Backend.StartAsync("billing");
        await RegisterAsync(registryUrl, "BILLING-SERVICE", billing);
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(), new Dictionary<string, string?>
        {
            ["Stratus:Discovery:ServiceUrl"] = registryUrl,
            ["Stratus:Gateway:Discovery:Locator:Enabled"] = "true",
            ["Stratus:Gateway:Discovery:Locator:LowerCaseServiceId"] = "true",
        });

        var echo = await WaitForEchoAsync(gateway, "billing-service/invoices/7");
        Assert.Equal(("billing", "/invoices/7"), (echo.Backend, echo.Path));
        var routes = await gateway.Client.GetStringAsync(new Uri("actuator/gateway/routes", UriKind.Relative), Ct);
        Assert.Contains("ReactiveCompositeDiscoveryClient_BILLING-SERVICE", routes, StringComparison.Ordinal);
    }

    private static async Task<Echo> WaitForEchoAsync(GatewayHost gateway, string path)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await gateway.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await Echo.ReadAsync(response);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{path} still answers {(int)response.StatusCode}");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<WebApplication> StartRegistryAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStratusRegistry(builder.Configuration);
        var registry = builder.Build();
        registry.MapStratusRegistry();
        await registry.StartAsync(Ct);
        return registry;
    }

    private static string RegistryUrl(WebApplication registry) =>
        registry.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/eureka/";

    private static async Task RegisterAsync(string registryUrl, string app, Backend backend)
    {
        using var http = new HttpClient();
        var instance = $$"""
            {"instance":{"instanceId":"{{app}}-{{backend.Port}}","hostName":"127.0.0.1","app":"{{app}}","ipAddr":"127.0.0.1","status":"UP",
             "port":{"$":{{backend.Port}},"@enabled":"true"},"vipAddress":"{{app.ToLowerInvariant()}}",
             "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"} } }
            """;
        using var registered = await http.PostAsync(new Uri(registryUrl + "apps/" + app), new StringContent(instance, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
    }
}
