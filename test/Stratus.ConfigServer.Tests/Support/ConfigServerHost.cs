using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.ConfigServer.Tests.Support;

/// <summary>The real config server library on Kestrel, 127.0.0.1 and a free port, with an HttpClient pointed at it.</summary>
public sealed class ConfigServerHost : IAsyncDisposable
{
    private ConfigServerHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public static async Task<ConfigServerHost> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "config-server-test", EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStratusConfigServer(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapStratusConfigServer();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        return new ConfigServerHost(app, client);
    }

    public static Task<ConfigServerHost> StartGitAsync(string uri, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Stratus:ConfigServer:Git:Uri"] = uri, ["Stratus:ConfigServer:Git:RefreshRate"] = "00:00:00.200" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return StartAsync(settings);
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
