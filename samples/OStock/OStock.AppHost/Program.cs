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

var auth = builder.AddStratusAuthServer("auth-server", port: 9000)
    .WithDemo()
    .WithEnvironment("Stratus__AuthServer__Database__Path", Path.Combine(builder.AppHostDirectory, "obj", "stratus-auth.db"));

// Two organization-service instances share one database: the second starts once the first has migrated it.
var organization1 = AddService(builder.AddProject<Projects.OStock_OrganizationService>("organization-service-1"));
var organization2 = AddService(builder.AddProject<Projects.OStock_OrganizationService>("organization-service-2")).WaitFor(organization1);
var licensing = AddService(builder.AddProject<Projects.OStock_LicensingService>("licensing-service"))
    .WithReference(auth)
    .WithEnvironment("Stratus__Security__ResourceServer__Audience", "licensing-service")
    .WaitFor(auth);

var gateway = builder.AddStratusGateway("gateway", port: 8080)
    .WithReference(registry)
    .WithRoute("organization-service", "lb://organization-service", ["Path=/organization/**"], ["RewritePath=/organization/(?<path>.*), /${path}"])
    .WithRoute("licensing-service", "lb://licensing-service", ["Path=/license/**"], ["RewritePath=/license/(?<path>.*), /${path}"])
    .WaitFor(registry);

builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) =>
{
    var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OStock.AppHost");
    AppHostLog.GatewayReady(logger, gateway.Resource.HttpEndpoint.Url);
    return Task.CompletedTask;
});

await builder.Build().RunAsync();

// Every service: an HTTP endpoint (ASPNETCORE_URLS), the registry and the config server, traces and metrics to the
// dashboard, healthy once /actuator/health says so.
IResourceBuilder<ProjectResource> AddService(IResourceBuilder<ProjectResource> service) => service
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/actuator/health")
    .WithStratusOtlpExporter()
    .WithReference(registry)
    .WithReference(config)
    .WaitFor(registry)
    .WaitFor(config);
