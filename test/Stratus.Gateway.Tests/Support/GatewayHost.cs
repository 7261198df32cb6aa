using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Gateway.Tests.Support;

/// <summary>
/// The real gateway library on Kestrel, 127.0.0.1 and a free port, configured from a JSON file (so a test can change it
/// and reload, as an operator would) plus settings, with an HttpClient pointed at it.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app, HttpClient client, string file, List<string> logs)
    {
        App = app;
        Client = client;
        File = file;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public string File { get; }

    public List<string> Logs { get; }

    public static async Task<GatewayHost> StartAsync(string routesJson, IDictionary<string, string?>? settings = null)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("stratus-gw-").FullName, "gateway.json");
        await System.IO.File.WriteAllTextAsync(file, routesJson, TestContext.Current.CancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var logs = new List<string>();
        builder.Logging.AddProvider(new ListLoggerProvider(logs));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Discovery:Register"] = "false",
            ["Stratus:Discovery:ServiceUrl"] = "http://127.0.0.1:9/eureka/",
        });
        builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddStratusGateway(builder.Configuration);
        var app = builder.Build();
        app.MapStratusGateway();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        return new GatewayHost(app, client, file, logs);
    }

    /// <summary>Writes new routes and reloads configuration, as a file change or the config client would.</summary>
    public async Task ReloadAsync(string routesJson)
    {
        await System.IO.File.WriteAllTextAsync(File, routesJson, TestContext.Current.CancellationToken);
        ((IConfigurationRoot)App.Configuration).Reload();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    private sealed class ListLoggerProvider(List<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(logs);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (logs)
                {
                    logs.Add($"{eventId.Id} {formatter(state, exception)}");
                }
            }
        }
    }
}
