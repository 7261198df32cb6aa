using OStock.OrganizationService;
using OStock.OrganizationService.Admin;
using OStock.OrganizationService.Data;
using OStock.OrganizationService.Organizations;
using OStock.Shared;
using Stratus.Messaging;

// organization-service: serves /v1/organization, or runs one admin command (migrate, backup, restore) with the same
// build and configuration. Everything Stratus gives it comes from AddStratus() and configuration.
var command = AdminCommand.Parse(args, OrganizationAdmin.Commands, OrganizationAdmin.CommandsWithFile);
if (command.Error is not null)
{
    await Console.Error.WriteLineAsync($"{OrganizationAdmin.Service}: {command.Error}\n{AdminCommand.Usage(OrganizationAdmin.Service, OrganizationAdmin.UsageLines)}");
    return AdminExitCode.Usage;
}

var builder = WebApplication.CreateBuilder(command.ConfigurationArgs);
builder.AddStratus();

BadRequestExceptionHandler.AddTo(builder.Services);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OrganizationJsonContext.Default));
builder.Services.AddScoped<OrganizationChanges>();
var (rabbitMq, kafka) = OrganizationChangeModel.Binder(builder.Configuration);
if (command.Name is null && (rabbitMq || kafka))
{
    var messaging = builder.Services.AddStratusMessaging(builder.Configuration);
    _ = rabbitMq ? messaging.AddRabbitMqBinder(builder.Configuration) : messaging.AddKafkaBinder(builder.Configuration);
    builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OrganizationJsonContext.Default));
}

try
{
    var (provider, connectionString) = OStockDatabase.Resolve(
        "ConnectionStrings:Organization", builder.Configuration.GetConnectionString("Organization"), "data/organization.db", builder.Environment.ContentRootPath);
    builder.Services.AddOStockDbContext<OrganizationDbContext, SqliteOrganizationDbContext, PostgreSqlOrganizationDbContext>(provider, connectionString);
}
catch (OStockConfigurationException e)
{
    await Console.Error.WriteLineAsync($"{OrganizationAdmin.Service}: {e.Message}");
    return AdminExitCode.Configuration;
}

await using var app = builder.Build();
if (command.Name is not null)
{
    return await OrganizationAdmin.RunAsync(app.Services, command);
}

if (app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await AdminRunner.MigrateAsync(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>(), CancellationToken.None);
}

app.UseExceptionHandler();

// The endpoints require scopes exactly when AddStratus turned the resource server on (after the config server's answer).
var secured = app.Services.GetStratusFeatures().ResourceServer;
app.MapOrganizationEndpoints(secured);
await app.RunAsync();
return AdminExitCode.Ok;
