using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.Config.Tests.Support;

/// <summary>
/// A real ASP.NET Core service using the config client the way a user's does: <c>WebApplication.CreateBuilder</c>
/// with command-line arguments, <c>AddStratusConfigClient()</c>, Kestrel on 127.0.0.1 and a free port, refresh and health mapped.
/// </summary>
public sealed class ClientApp : IAsyncDisposable
{
    private ClientApp(WebApplication app, HttpClient client, LogCapture logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public IConfiguration Configuration => App.Configuration;

    /// <summary>Builds and starts the service; the config client loads while the builder is made.</summary>
    public static async Task<ClientApp> StartAsync(string[] args, string? contentRoot = null, Action<WebApplicationBuilder>? configure = null, string environment = "dev")
    {
        var builder = Builder(args, contentRoot, environment);
        var logs = new LogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.AddStratusConfigClient();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapStratusConfigRefresh();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthJson });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ClientApp(app, new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) }, logs);
    }

    public static WebApplicationBuilder Builder(string[] args, string? contentRoot = null, string environment = "dev")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = "orders",
            EnvironmentName = environment,
            ContentRootPath = contentRoot ?? Directory.CreateTempSubdirectory("stratus-client-").FullName,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");
        return builder;
    }

    private static Task HealthJson(Microsoft.AspNetCore.Http.HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var entry = report.Entries["configServer"];
        var details = string.Join(",", entry.Data.Select(d => $"\"{d.Key}\":\"{d.Value}\""));
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($"{{\"status\":\"{entry.Status}\",\"description\":\"{entry.Description}\",{details}}}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
