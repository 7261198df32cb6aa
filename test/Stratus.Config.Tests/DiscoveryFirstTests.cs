using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Config.Tests.Support;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Config.Tests;

public sealed class DiscoveryFirstTests
{
    [Fact]
    public async Task The_config_server_is_found_by_service_id_in_a_real_registry()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: found-through-registry\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStratusRegistry(builder.Configuration);
        await using var registry = builder.Build();
        registry.MapStratusRegistry();
        await registry.StartAsync(TestContext.Current.CancellationToken);
        var registryUrl = registry.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/eureka/";

        using var http = new HttpClient();
        var port = server.BaseAddress.Port;
        var instance = $$"""
            {"instance":{"instanceId":"cfg-1","hostName":"127.0.0.1","app":"CONFIGSERVER","ipAddr":"127.0.0.1","status":"UP",
             "port":{"$":{{port}},"@enabled":"true"},"securePort":{"$":443,"@enabled":"false"},"vipAddress":"configserver",
             "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"} } }
            """;
        using var registered = await http.PostAsync(new Uri(registryUrl + "apps/CONFIGSERVER"), new StringContent(instance, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);

        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync(
            ["--spring.cloud.config.discovery.enabled=true", $"--eureka:client:serviceUrl:defaultZone={registryUrl}", "--Stratus:Config:FailFast=true", $"--Stratus:Config:Cache:Path={root}"],
            root);
        Assert.Equal("found-through-registry", app.Configuration["greeting"]);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 1214 && e.Message.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
    }
}
