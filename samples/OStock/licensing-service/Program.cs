using OStock.LicensingService;
using OStock.LicensingService.Admin;
using OStock.LicensingService.Data;
using OStock.LicensingService.Licenses;
using OStock.LicensingService.Organizations;
using OStock.Shared;
using Stratus.Messaging;

// licensing-service: serves /v1/organization/{organizationId}/license, or runs one admin command (migrate, backup,
// restore, cleanup) with the same build and configuration. Everything Stratus gives it comes from AddStratus() and
// configuration; organization-service is called by its logical name.
var command = AdminCommand.Parse(args, LicensingAdmin.Commands, LicensingAdmin.CommandsWithFile);
if (command.Error is not null)
{
    await Console.Error.WriteLineAsync($"{LicensingAdmin.Service}: {command.Error}\n{AdminCommand.Usage(LicensingAdmin.Service, LicensingAdmin.UsageLines)}");
    return AdminExitCode.Usage;
}

var builder = WebApplication.CreateBuilder(command.ConfigurationArgs);
builder.AddStratus();

BadRequestExceptionHandler.AddTo(builder.Services);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LicensingJsonContext.Default));
builder.Services.AddOptions<OrganizationCacheOptions>().BindConfiguration("OStock:OrganizationCache")
    .Validate(o => o.TimeToLive >= TimeSpan.Zero, "OStock:OrganizationCache:TimeToLive must not be negative").ValidateOnStart();
builder.Services.AddScoped<OrganizationDirectory>();
builder.Services.AddHttpClient(OrganizationDirectory.ClientName, client =>
        client.BaseAddress = new Uri(builder.Configuration["OStock:OrganizationService:BaseAddress"] ?? "http://organization-service/"))
    .AddStratusTokenRelay();

var changes = new OrganizationChangeConsumer();
var (rabbitMq, kafka) = OrganizationChangeModel.Binder(builder.Configuration);
if (command.Name is null && (rabbitMq || kafka))
{
    var messaging = builder.Services.AddStratusMessaging(builder.Configuration);
    _ = rabbitMq ? messaging.AddRabbitMqBinder(builder.Configuration) : messaging.AddKafkaBinder(builder.Configuration);
    messaging.AddConsumer<OrganizationChangeModel>(OrganizationChangeModel.Binding, changes.HandleAsync);
    builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LicensingJsonContext.Default));
}

try
{
    var (provider, connectionString) = OStockDatabase.Resolve(
        "ConnectionStrings:Licensing", builder.Configuration.GetConnectionString("Licensing"), "data/licensing.db", builder.Environment.ContentRootPath);
    builder.Services.AddOStockDbContext<LicensingDbContext, SqliteLicensingDbContext, PostgreSqlLicensingDbContext>(provider, connectionString);
}
catch (OStockConfigurationException e)
{
    await Console.Error.WriteLineAsync($"{LicensingAdmin.Service}: {e.Message}");
    return AdminExitCode.Configuration;
}

await using var app = builder.Build();
changes.Attach(app.Services);
if (command.Name is not null)
{
    return await LicensingAdmin.RunAsync(app.Services, command);
}

if (app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await AdminRunner.MigrateAsync(scope.ServiceProvider.GetRequiredService<LicensingDbContext>(), CancellationToken.None);
}

app.UseExceptionHandler();

// The endpoints require scopes exactly when AddStratus turned the resource server on (after the config server's answer).
var secured = app.Services.GetStratusFeatures().ResourceServer;
app.MapLicenseEndpoints(secured);
await app.RunAsync();
return AdminExitCode.Ok;
