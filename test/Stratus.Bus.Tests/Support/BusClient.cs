using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Support;

/// <summary>
/// A real service as a user writes one: <c>WebApplication.CreateBuilder</c>, <c>builder.AddStratus()</c> with the bus on
/// (RabbitMQ unless settings say otherwise), Kestrel on 127.0.0.1 and a free port, an options class bound to
/// <c>shop</c> and a counter of its change notifications. The config client's own watch is off, so only the bus
/// refreshes it.
/// </summary>
public sealed class BusClient : IAsyncDisposable
{
    private int _changes;

    private BusClient(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        app.Services.GetRequiredService<IOptionsMonitor<Shop>>().OnChange(_ => Interlocked.Increment(ref _changes));
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string BusId => App.Services.GetRequiredService<IBusPublisher>().BusId;

    public IBusPublisher Bus => App.Services.GetRequiredService<IBusPublisher>();

    /// <summary>The value the application reads through <c>IOptionsMonitor</c>.</summary>
    public string? Greeting => App.Services.GetRequiredService<IOptionsMonitor<Shop>>().CurrentValue.Greeting;

    public string? this[string key] => App.Configuration[key];

    /// <summary>A value as the layers under the bus's own give it (what the config server and the files say).</summary>
    public string? BelowBus(string key) =>
        ((IConfigurationRoot)App.Configuration).Providers.Reverse().Where(p => p is not Stratus.Bus.Environment.BusEnvironmentProvider)
            .Select(p => p.TryGet(key, out var value) ? value : null).FirstOrDefault(v => v is not null);

    public int Changes => Volatile.Read(ref _changes);

    /// <summary>Settings every bus client shares: the broker, the bus on a test's own destination, the endpoints exposed.</summary>
    public static Dictionary<string, string?> Settings(RabbitMqBroker broker, string destination, string application, string? busId = null, Uri? configServer = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["spring:application:name"] = application,
            ["Stratus:Bus:Enabled"] = "true",
            ["Stratus:Bus:Destination"] = destination,
            ["Stratus:Bus:Id"] = busId,
            ["Stratus:Messaging:RabbitMQ:Uri"] = broker.AmqpUri.ToString(),
            ["Stratus:Management:Exposure:Include"] = "health,busrefresh,busenv",
            ["Stratus:Observability:Tracing:Enabled"] = "false",
        };
        if (configServer is not null)
        {
            settings["Stratus:Config:Uri"] = configServer.ToString();
            settings["Stratus:Config:Profile"] = "default";
            settings["Stratus:Config:FailFast"] = "true";
            settings["Stratus:Config:Watch:Enabled"] = "false";
            settings["Stratus:Config:Cache:Enabled"] = "false";
        }

        return settings;
    }

    public static async Task<BusClient> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "bus-test-client",
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddStratus();
        builder.Services.Configure<Shop>(builder.Configuration.GetSection("shop"));
        var app = builder.Build();
        app.MapGet("/greeting", (IOptionsMonitor<Shop> shop) => shop.CurrentValue.Greeting ?? string.Empty);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BusClient(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    public sealed class Shop
    {
        public string? Greeting { get; set; }

        public string? Motd { get; set; }
    }
}
