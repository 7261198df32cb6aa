using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Security.AuthServer.Tests.Support;

/// <summary>The client application's side of the code flow: a real endpoint at the redirect URI that echoes the query.</summary>
public sealed class CallbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackApp(WebApplication app, string redirectUri)
    {
        _app = app;
        RedirectUri = redirectUri;
    }

    public string RedirectUri { get; }

    public static async Task<CallbackApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/login/oauth2/code/test", (HttpContext http) => Results.Text("callback " + http.Request.QueryString.Value));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CallbackApp(app, address.TrimEnd('/') + "/login/oauth2/code/test");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
