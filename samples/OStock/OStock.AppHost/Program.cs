using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OStock.AppHost;

// The OStock sample under Aspire, with nothing but the .NET SDK: every Stratus server runs as an executable
// (dotnet exec stratus.dll <role>) and every service as a project, orchestrated by DCP; no container engine.
var builder = DistributedApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["Stratus:Aspire:CliPath"]))
{
    // The stratus built with this app host, unless the configuration names another (a dll, an executable, or "stratus").
    builder.Configuration["Stratus:Aspire:CliPath"] = typeof(AppHostLog).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StratusCliPath").Value;
}

var registry = builder.AddStratusRegistry("registry", port: 8761);

var config = builder.AddStratusConfigServer("config-server", port: 8888)
    .WithConfigRepository("../config-repo");

// The auth server as `stratus dev` runs it for this sample (appsettings.json): the demo set, the four OStock scopes and
// their audiences, and the development client ostock-client / ostock-secret allowed all four.
var auth = builder.AddStratusAuthServer("auth-server", port: 9000)
    .WithDemo()
    .WithScope("organizations.read", ["organization-service"])
    .WithScope("organizations.write", ["organization-service"])
    .WithScope("licenses.read", ["licensing-service"])
    .WithScope("licenses.write", ["licensing-service"])
    .WithClient("ostock-client", "ostock-secret", ["organizations.read", "organizations.write", "licenses.read", "licenses.write"])
    .WithEnvironment("Stratus__AuthServer__Database__Path", Path.Combine(builder.AppHostDirectory, "obj", "stratus-auth.db"));

// Two organization-service instances share one database: the second starts once the first has migrated it.
var organization1 = AddService(builder.AddProject<Projects.OStock_OrganizationService>("organization-service-1"), "organization-service");
AddService(builder.AddProject<Projects.OStock_OrganizationService>("organization-service-2"), "organization-service")
    .WaitFor(organization1);
AddService(builder.AddProject<Projects.OStock_LicensingService>("licensing-service"), "licensing-service");

// Every call needs a token: the gateway passes the caller's on (TokenRelay) and answers 401 without one.
var gateway = builder.AddStratusGateway("gateway", port: 8080)
    .WithReference(registry)
    .WithRoute("organization-service", "lb://organization-service", ["Path=/organization/**"], ["RewritePath=/organization/(?<path>.*), /${path}", "TokenRelay"])
    .WithRoute("licensing-service", "lb://licensing-service", ["Path=/license/**"], ["RewritePath=/license/(?<path>.*), /${path}", "TokenRelay"])
    .WaitFor(registry);

builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) =>
{
    var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OStock.AppHost");
    AppHostLog.GatewayReady(logger, gateway.Resource.HttpEndpoint.Url);
    return Task.CompletedTask;
});

await builder.Build().RunAsync();

// Every service: an HTTP endpoint (ASPNETCORE_URLS), the registry and the config server (profiles dev,secure, as
// run.sh runs them), a resource server for the auth server with its own audience, traces and metrics to the dashboard,
// healthy once /actuator/health says so. The environment wins over the config server, so the Authority of the
// reference replaces the fixed one of *-secure.yml.
IResourceBuilder<ProjectResource> AddService(IResourceBuilder<ProjectResource> service, string audience) => service
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/actuator/health")
    .WithStratusOtlpExporter()
    .WithEnvironment("Stratus__Config__Profile", "dev,secure")
    .WithReference(registry)
    .WithReference(config)
    .WithReference(auth)
    .WithEnvironment("Stratus__Security__ResourceServer__Audience", audience)
    .WaitFor(registry)
    .WaitFor(config)
    .WaitFor(auth);
