using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;

namespace Stratus.Observability.Tests.Support;

/// <summary>
/// A real Kestrel service on 127.0.0.1 and a free port with <c>AddStratusObservability</c>, its console log lines captured
/// through the registered ECS formatter.
/// </summary>
public sealed class TracedService : IAsyncDisposable
{
    private readonly List<string> _logs;

    private TracedService(WebApplication app, Uri address, List<string> logs)
    {
        App = app;
        Address = address;
        _logs = logs;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string[] Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    public static async Task<TracedService> StartAsync(string name, IDictionary<string, string?> settings, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Observability:ServiceName"] = name,
            ["Stratus:Observability:Tracing:ExportDelay"] = "00:00:00.050",

            // As the Stratus CLI roles set it: no per-request hosting scope or logs. Trace ids must be in the logs anyway.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStratusObservability();
        builder.Services.AddHttpClient();

        // Stdout is shared by every test; the same formatter writes into a list instead.
        var console = builder.Services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        builder.Services.Remove(console);
        var logs = new List<string>();
        builder.Services.AddSingleton<ILoggerProvider>(sp => new FormatterLoggerProvider(
            sp.GetServices<ConsoleFormatter>().Single(f => f.Name == "stratus-ecs"), logs));
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TracedService(app, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    public void Flush() => App.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
