using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Messaging;

namespace Stratus.Bench.Messaging;

/// <summary>A generic host with Stratus messaging, composed as an application would, without logging providers.</summary>
internal static class StratusApp
{
    public static async Task<IHost> StartAsync(
        IDictionary<string, string?> settings,
        Func<StratusMessagingBuilder, IConfiguration, StratusMessagingBuilder> addBinder,
        Action<StratusMessagingBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var messaging = addBinder(builder.Services.AddStratusMessaging(builder.Configuration), builder.Configuration);
        builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
        configure?.Invoke(messaging);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();
    }
}
