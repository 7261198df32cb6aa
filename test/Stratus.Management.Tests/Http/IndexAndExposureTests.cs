using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Http;

public sealed class IndexAndExposureTests
{
    [Fact]
    public async Task Index_links_every_endpoint_under_the_base_path_including_other_libraries()
    {
        await using var host = await ManagementHost.StartAsync(
            new Dictionary<string, string?> { ["Stratus:Management:Exposure:Include:0"] = "*", ["Stratus:Management:Exposure:Exclude"] = "threaddump" },
            configure: app =>
            {
                app.MapPost("/actuator/refresh", () => "[]");
                app.MapGet("/actuator/gateway/routes/{id}", (string id) => id);
                app.MapGet("/elsewhere", () => "no");
            });

        var body = await host.GetStringAsync("actuator");

        Golden.Match("index", body);
    }

    [Fact]
    public async Task By_default_only_health_and_info_are_mapped()
    {
        await using var host = await ManagementHost.StartAsync();

        await host.GetStringAsync("actuator/health");
        await host.GetStringAsync("actuator/info");
        foreach (var id in new[] { "env", "configprops", "loggers", "metrics", "prometheus", "mappings", "threaddump" })
        {
            await host.GetStringAsync("actuator/" + id, HttpStatusCode.NotFound);
        }

        Golden.Match("index-default", await host.GetStringAsync("actuator"));
    }

    [Theory]
    [InlineData("env", "", "env", "loggers")]
    [InlineData("env, loggers", "", "loggers", "metrics")]
    [InlineData("*", "env,health", "loggers", "env")]
    [InlineData("*", "*", null, "health")]
    public async Task Include_and_exclude_decide_what_is_mapped(string include, string exclude, string? mapped, string notMapped)
    {
        await using var host = await ManagementHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:Management:Exposure:Include"] = include,
            ["Stratus:Management:Exposure:Exclude"] = exclude,
        });

        if (mapped is not null)
        {
            await host.GetStringAsync("actuator/" + mapped);
        }

        await host.GetStringAsync("actuator/" + notMapped, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Spring_management_keys_apply_when_the_stratus_keys_are_not_set()
    {
        await using var host = await ManagementHost.StartAsync(new Dictionary<string, string?>
        {
            ["management:endpoints:web:base-path"] = "/mgmt",
            ["management:endpoints:web:exposure:include"] = "health,loggers",
            ["management:endpoint:health:show-details"] = "never",
            ["management:endpoint:health:group:custom:include"] = "db",
            ["Stratus:Management:Env:ShowValues"] = "Always",
            ["management:endpoint:env:show-values"] = "never",
        });

        Assert.Equal("{\"status\":\"UP\",\"groups\":[\"custom\",\"liveness\",\"readiness\"]}", await host.GetStringAsync("mgmt/health"));
        await host.GetStringAsync("mgmt/loggers");
        await host.GetStringAsync("mgmt/info", HttpStatusCode.NotFound);
        Assert.Equal(ManagementVisibility.Always, host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ManagementOptions>>().Value.Env.ShowValues);
    }

    [Fact]
    public async Task Base_path_is_configurable()
    {
        await using var host = await ManagementHost.StartAsync(new Dictionary<string, string?> { ["Stratus:Management:BasePath"] = "/manage/" });

        Assert.Equal("{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}},\"groups\":[\"liveness\",\"readiness\"]}", await host.GetStringAsync("manage/health"));
        await host.GetStringAsync("actuator/health", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_methods_are_405_and_head_is_allowed()
    {
        await using var host = await ManagementHost.StartAsync();

        using var post = await host.PostJsonAsync("actuator/health", "{}");
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "actuator/info"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Adding_and_mapping_twice_registers_once()
    {
        await using var host = await ManagementHost.StartAsync(
            new Dictionary<string, string?> { ["Stratus:Management:Exposure:Include:0"] = "mappings", ["Stratus:Management:Exposure:Include:1"] = "health" },
            services: s => s.AddStratusManagement(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()),
            configure: app => app.MapStratusManagement());

        var body = await host.GetStringAsync("actuator/mappings");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "\"patterns\":\\[\"/actuator/health\"\\]"));
        Assert.Single(host.App.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>().OfType<Stratus.Management.Logging.LoggerCategoryRecorder>());
    }

    [Fact]
    public async Task Mappings_lists_the_applications_routes()
    {
        await using var host = await ManagementHost.StartAsync(
            new Dictionary<string, string?> { ["Stratus:Management:Exposure:Include"] = "mappings" },
            configure: app =>
            {
                app.MapGet("/orders/{id:int}", (int id) => id).WithDisplayName("Get order");
                app.MapMethods("/orders", [HttpMethods.Post, HttpMethods.Put], () => "ok").WithDisplayName("Save order");
            });

        Golden.Match("mappings", await host.GetStringAsync("actuator/mappings"));
    }
}
