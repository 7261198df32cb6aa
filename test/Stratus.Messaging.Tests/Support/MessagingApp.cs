using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Stratus.Messaging.Tests.Support;

/// <summary>A real generic host with Stratus messaging on a real broker's binder, as an application would compose it.</summary>
public sealed class MessagingApp : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingApp(IHost host) => _host = host;

    public IMessagePublisher Publisher => _host.Services.GetRequiredService<IMessagePublisher>();

    public IServiceProvider Services => _host.Services;

    /// <param name="broker">The broker whose binder the app uses.</param>
    /// <param name="settings">Configuration over the broker's settings.</param>
    /// <param name="configure">Adds consumers and functions.</param>
    /// <param name="services">Adds or replaces services (a log recorder, say).</param>
    public static async Task<MessagingApp> StartAsync(
        IMessagingBroker broker, IDictionary<string, string?> settings, Action<StratusMessagingBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(broker.BinderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        var messaging = broker.AddBinder(builder.Services.AddStratusMessaging(builder.Configuration), builder.Configuration);
        builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TestJsonContext.Default));
        configure?.Invoke(messaging);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new MessagingApp(host);
    }

    /// <summary>Binding settings for <c>orders</c> on <paramref name="destination"/>, fast back-off so retries take milliseconds.</summary>
    public static Dictionary<string, string?> Orders(string destination, string? group) => new()
    {
        ["Stratus:Messaging:Bindings:orders:Destination"] = destination,
        ["Stratus:Messaging:Bindings:orders:Group"] = group,
        ["Stratus:Messaging:Bindings:orders:BackOffInitialInterval"] = "00:00:00.010",
        ["Stratus:Messaging:Bindings:orders:BackOffMaxInterval"] = "00:00:00.050",
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
