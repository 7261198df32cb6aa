using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Registry.Tests;

/// <summary>A real registry on Kestrel, bound to 127.0.0.1 on a free port, with an HttpClient pointed at it.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RegistryServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddStratusRegistry(builder.Configuration);
        var app = builder.Build();
        app.MapStratusRegistry();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegistryServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public static string Registration(string app, string id, string host = "host1", int port = 8080, string status = "UP", long? lastDirty = null, string extra = "")
    {
        var vip = app.ToLowerInvariant();
        var dirty = lastDirty is null ? string.Empty : ",\"lastDirtyTimestamp\":\"" + lastDirty + "\"";
        return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + host + "\",\"app\":\"" + app
            + "\",\"ipAddr\":\"10.0.0.12\",\"status\":\"" + status + "\",\"port\":{\"$\":" + port + ",\"@enabled\":\"true\"}"
            + ",\"vipAddress\":\"" + vip + "\",\"secureVipAddress\":\"" + vip + "-secure\""
            + ",\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}"
            + dirty + extra + "}}";
    }

    public async Task<HttpResponseMessage> RegisterAsync(string app, string id, string? body = null, string mediaType = "application/json")
    {
        using var content = new StringContent(body ?? Registration(app, id), Encoding.UTF8, mediaType);
        return await Client.PostAsync($"eureka/apps/{app}", content, TestContext.Current.CancellationToken);
    }

    public async Task<string> GetAppsJsonAsync(string path = "eureka/apps")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
