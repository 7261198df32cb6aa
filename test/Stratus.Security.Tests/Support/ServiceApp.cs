using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Security.Tests.Support;

/// <summary>
/// A real resource server on Kestrel (127.0.0.1, free port) built with <c>AddStratusResourceServer</c>:
/// <c>/me</c> (any valid token; answers the claims), <c>/licenses</c> (scope licenses.read), <c>/admin</c> (role
/// admin), <c>/public</c>; a test adds its own services and endpoints.
/// </summary>
public sealed class ServiceApp : IAsyncDisposable
{
    private ServiceApp(WebApplication app, HttpClient client, LogCapture logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public Uri Address => Client.BaseAddress!;

    public static async Task<ServiceApp> StartAsync(
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? services = null,
        Action<WebApplication>? endpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        var logs = new LogCapture();
        builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder);
        builder.Services.AddStratusResourceServer(builder.Configuration);
        var app = builder.Build();
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(Describe(user))).RequireAuthorization();
        app.MapGet("/licenses", () => "licenses").RequireScope("licenses.read");
        app.MapGet("/admin", () => "admin").RequireAuthorization(policy => policy.RequireRole("admin"));
        app.MapGet("/public", () => "public");
        endpoints?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        return new ServiceApp(app, client, logs);
    }

    public static Dictionary<string, string> Describe(ClaimsPrincipal user) => new()
    {
        ["sub"] = user.FindFirst("sub")?.Value ?? string.Empty,
        ["name"] = user.Identity?.Name ?? string.Empty,
        ["scope"] = user.FindFirst("scope")?.Value ?? string.Empty,
        ["roles"] = string.Join(' ', user.FindAll("roles").Select(c => c.Value)),
    };

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
