using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Hosting.Tests;

/// <summary><c>builder.AddStratus()</c> and configuration, against a real registry, a real config server and real services.</summary>
public sealed class AddStratusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_call_gives_a_service_its_actuator_endpoints_without_mapping_them_and_calling_twice_changes_nothing()
    {
        await using var app = await StartServiceAsync(new Dictionary<string, string?>(), builder => { builder.AddStratus(); builder.AddStratus(); }, map: app => app.MapStratus());
        using var client = Client(app);

        using var health = await client.GetAsync(new Uri("actuator/health", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("UP", json.RootElement.GetProperty("status").GetString());
        }

        using var info = await client.GetAsync(new Uri("actuator/info", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var index = JsonDocument.Parse(await client.GetStringAsync(new Uri("actuator", UriKind.Relative), Ct));
        var links = index.RootElement.GetProperty("_links");
        Assert.True(links.TryGetProperty("health", out _));
        Assert.True(links.TryGetProperty("info", out _));

        // No registry and no config server are configured: neither part is on, and the service says so.
        Assert.Null(app.Services.GetService<Stratus.Discovery.IDiscoveryClient>());
        Assert.Null(app.Services.GetService<Stratus.Config.ConfigRefresher>());
        var features = app.Services.GetStratusFeatures();
        Assert.False(features.ConfigClient);
        Assert.False(features.Discovery);
        Assert.False(features.Bus);
        Assert.False(features.ResourceServer);
    }

    [Fact]
    public async Task The_features_say_resource_server_exactly_when_an_issuer_is_configured_and_an_audience_alone_is_not_one()
    {
        var issuer = new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:JwksUri"] = "http://127.0.0.1:9/jwks",
            ["Stratus:Security:ResourceServer:Issuer"] = "https://issuer.example",
            ["Stratus:Security:ResourceServer:Audience"] = "hosting-test",
        };
        await using (var secured = await StartServiceAsync(issuer, builder => builder.AddStratus(), map: _ => { }))
        {
            Assert.True(secured.Services.GetStratusFeatures().ResourceServer);
            Assert.NotNull(await BearerSchemeAsync(secured));
        }

        var audienceOnly = new Dictionary<string, string?> { ["Stratus:Security:ResourceServer:Audience"] = "hosting-test" };
        await using (var open = await StartServiceAsync(audienceOnly, builder => builder.AddStratus(), map: _ => { }))
        {
            Assert.False(open.Services.GetStratusFeatures().ResourceServer);
            Assert.Null(await BearerSchemeAsync(open));
        }

        await using var withoutStratus = await StartServiceAsync(issuer, _ => { }, map: _ => { });
        var error = Assert.Throws<InvalidOperationException>(() => withoutStratus.Services.GetStratusFeatures());
        Assert.Contains("AddStratus()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_that_maps_no_endpoint_of_its_own_still_answers_the_actuator()
    {
        await using var app = await StartServiceAsync(new Dictionary<string, string?>(), builder => builder.AddStratus(), map: _ => { });
        using var health = await Client(app).GetAsync(new Uri("actuator/health", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var other = await Client(app).GetAsync(new Uri("nothing-here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_issuer_in_configuration_makes_the_service_a_resource_server_and_leaves_health_open()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:JwksUri"] = "http://127.0.0.1:9/jwks",
            ["Stratus:Security:ResourceServer:Issuer"] = "https://issuer.example",
            ["Stratus:Security:ResourceServer:Audience"] = "hosting-test",
        };
        await using var app = await StartServiceAsync(settings, builder => builder.AddStratus(), map: app => app.MapGet("/orders", () => "orders").RequireScope("orders.read"));
        using var client = Client(app);

        using var none = await client.GetAsync(new Uri("orders", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        using var garbage = new HttpRequestMessage(HttpMethod.Get, new Uri("orders", UriKind.Relative));
        garbage.Headers.TryAddWithoutValidation("Authorization", "Bearer not-a-jwt");
        using var refused = await client.SendAsync(garbage, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var health = await client.GetAsync(new Uri("actuator/health", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Switches_held_only_by_the_config_server_turn_their_parts_on()
    {
        await using var registry = await StartServiceAsync(
            new Dictionary<string, string?> { ["Stratus:Registry:EnableSelfPreservation"] = "false" },
            builder => builder.Services.AddStratusRegistry(builder.Configuration),
            map: app => app.MapStratusRegistry());
        var registryUrl = Address(registry) + "eureka/";
        using var repo = new GitRepo();
        repo.Write("billing.yml", $"""
            Stratus:
              Discovery:
                ServiceUrl: {registryUrl}
                LeaseRenewalInterval: '00:00:01'
              Security:
                ResourceServer:
                  JwksUri: http://127.0.0.1:9/jwks
                  Issuer: https://issuer.example
                  Audience: billing
            """).Commit();
        await using var configServer = await ConfigServerHost.StartGitAsync(repo.Uri);

        // Locally only the application name and the config server: the registry and the issuer come from the config repository.
        var settings = new Dictionary<string, string?>
        {
            ["spring:application:name"] = "billing",
            ["Stratus:Config:Uri"] = configServer.BaseAddress.ToString(),
            ["Stratus:Config:FailFast"] = "true",
        };
        var secured = false;
        await using var app = await StartServiceAsync(settings, builder => builder.AddStratus(), map: app =>
        {
            // What the OStock services do: ask which parts are on, after the config server has answered.
            secured = app.Services.GetStratusFeatures().ResourceServer;
            var hello = app.MapGet("/hello", () => "hello");
            if (secured)
            {
                hello.RequireScope("billing.read");
            }
        });
        var features = app.Services.GetStratusFeatures();
        Assert.True(features.ConfigClient);
        Assert.True(features.Discovery);
        Assert.True(secured, "the issuer held only by the config server made the service a resource server");
        using (var hello = await Client(app).GetAsync(new Uri("hello", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, hello.StatusCode);
        }

        using var http = new HttpClient();
        await WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registryUrl + "apps/BILLING"));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }, "billing to register with the registry its config server named");
        Assert.NotNull(app.Services.GetService<Stratus.Discovery.IDiscoveryClient>());
    }

    [Fact]
    public async Task Configuration_alone_brings_config_server_values_registration_calls_by_name_and_a_live_refresh()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: hello\n").Commit();
        await using var configServer = await ConfigServerHost.StartGitAsync(repo.Uri);
        await using var registry = await StartServiceAsync(
            new Dictionary<string, string?> { ["Stratus:Registry:EnableSelfPreservation"] = "false" },
            builder => builder.Services.AddStratusRegistry(builder.Configuration),
            map: app => app.MapStratusRegistry());
        var registryUrl = Address(registry) + "eureka/";

        // A callee registered under a logical name, answering who it is.
        await using var callee = await StartServiceAsync(new Dictionary<string, string?>(), _ => { }, map: app => app.MapGet("/who", () => "inventory-1"));
        await RegisterAsync(registryUrl, "INVENTORY", "inventory-1", new Uri(Address(callee)).Port);

        var settings = new Dictionary<string, string?>
        {
            ["spring:application:name"] = "orders",
            ["Stratus:Config:Uri"] = configServer.BaseAddress.ToString(),
            ["Stratus:Config:FailFast"] = "true",
            ["Stratus:Discovery:ServiceUrl"] = registryUrl,
            ["Stratus:Discovery:LeaseRenewalInterval"] = "00:00:01",
            ["Stratus:Discovery:RegistryFetchInterval"] = "00:00:01",
            ["Stratus:Management:Exposure:Include"] = "health,info,refresh",
        };
        await using var app = await StartServiceAsync(settings, builder => builder.AddStratus(), map: app => app.MapGet("/hello", () => "hello"));
        Assert.Equal("hello", app.Configuration["greeting"]);
        using (var health = await Client(app).GetAsync(new Uri("actuator/health", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // Any IHttpClientFactory client resolves a logical name through the registry and the load balancer.
        var clients = app.Services.GetRequiredService<IHttpClientFactory>();
        Assert.Equal("inventory-1", await clients.CreateClient().GetStringAsync(new Uri("http://inventory/who"), Ct));

        // The service registered itself under its application name.
        using var http = new HttpClient();
        await WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registryUrl + "apps/ORDERS"));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }, "orders to register");

        // A change pushed to the repository reaches the service through POST /actuator/refresh, mapped by AddStratus.
        repo.Write("orders.yml", "greeting: changed\n").Commit();
        using (var monitor = await http.PostAsync(new Uri(configServer.BaseAddress, "monitor"), new FormUrlEncodedContent([new("path", "orders")]), Ct))
        {
            Assert.True(monitor.IsSuccessStatusCode, $"monitor answered {(int)monitor.StatusCode}");
        }

        await WaitUntilAsync(async () =>
        {
            using var refresh = await Client(app).PostAsync(new Uri("actuator/refresh", UriKind.Relative), null, Ct);
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            return app.Configuration["greeting"] == "changed";
        }, "the refreshed value");
    }

    private static async Task<WebApplication> StartServiceAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "hosting-test", EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(Ct);
        return app;
    }

    private static async Task<Microsoft.AspNetCore.Authentication.AuthenticationScheme?> BearerSchemeAsync(WebApplication app) =>
        app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is { } schemes
            ? await schemes.GetSchemeAsync("Bearer")
            : null;

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

    private static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(Address(app)) };

    private static async Task RegisterAsync(string registryUrl, string app, string id, int port)
    {
        using var http = new HttpClient();
        var instance = $$"""
            {"instance":{"instanceId":"{{id}}","hostName":"127.0.0.1","app":"{{app}}","ipAddr":"127.0.0.1","status":"UP",
             "port":{"$":{{port}},"@enabled":"true"},"vipAddress":"{{app.ToLowerInvariant()}}",
             "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"} } }
            """;
        using var response = await http.PostAsync(new Uri($"{registryUrl}apps/{app}"), new StringContent(instance, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}
