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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStratusRegistry(builder.Configuration);
        await using var registry = builder.Build();
        registry.MapStratusRegistry();
        await registry.StartAsync(Ct);
        var registryUrl = registry.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/eureka/";

        await using var one = await Backend.StartAsync("one");
        await using var two = await Backend.StartAsync("two");
        using var http = new HttpClient();
        foreach (var backend in new[] { one, two })
        {
            var instance = $$"""
                {"instance":{"instanceId":"orders-{{backend.Port}}","hostName":"127.0.0.1","app":"ORDERS","ipAddr":"127.0.0.1","status":"UP",
                 "port":{"$":{{backend.Port}},"@enabled":"true"},"vipAddress":"orders",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"} } }
                """;
            using var registered = await http.PostAsync(new Uri(registryUrl + "apps/ORDERS"), new StringContent(instance, Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        }

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
}
