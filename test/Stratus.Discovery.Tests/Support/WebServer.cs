using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Testing;

/// <summary>A real Kestrel app on 127.0.0.1 and a free port, for registries, services and scripted fakes.</summary>
public sealed class WebServer : IAsyncDisposable
{
    private WebServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<WebServer> StartAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "test-app", EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A Stratus registry (the real server library) with short leases for tests.</summary>
    public static Task<WebServer> StartRegistryAsync() =>
        StartAsync(app => app.MapStratusRegistry(), builder => builder.Services.AddStratusRegistry(builder.Configuration),
            new Dictionary<string, string?> { ["Stratus:Registry:EvictionInterval"] = "00:00:01", ["Stratus:Registry:EnableSelfPreservation"] = "false" });

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
