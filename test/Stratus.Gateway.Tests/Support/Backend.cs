using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Gateway.Tests.Support;

/// <summary>
/// A real Kestrel upstream on loopback that answers every request with what it received, as JSON: its own name, the
/// method, path, raw target, query, headers and body length. <c>?delayMs=</c> delays the answer; <c>?status=</c> sets it;
/// <c>?failFirst=N</c> answers 503 to the first N requests the backend receives; <c>?failOn=name</c> makes that backend answer 500.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    private int _requests;

    private Backend(WebApplication app, string name, Uri address)
    {
        App = app;
        Name = name;
        Address = address;
    }

    public WebApplication App { get; }

    public string Name { get; }

    public Uri Address { get; }

    public int Port => Address.Port;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<Backend> StartAsync(string name = "backend")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Backend? self = null;
        app.Run(async context =>
        {
            var count = Interlocked.Increment(ref self!._requests);
            var request = context.Request;
            if (int.TryParse(request.Query["delayMs"], out var delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            long bodyLength = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                bodyLength += read;
            }

            context.Response.StatusCode = int.TryParse(request.Query["failFirst"], out var failFirst) && count <= failFirst ? 503
                : string.Equals(request.Query["failOn"], name, StringComparison.Ordinal) ? 500
                : int.TryParse(request.Query["status"], out var status) ? status : 200;
            context.Response.Headers["X-Backend"] = name;
            context.Response.Headers["X-Upstream-Secret"] = "from-backend";
            context.Response.ContentType = "application/json";
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            var echo = new Dictionary<string, object?>
            {
                ["backend"] = name,
                ["method"] = request.Method,
                ["path"] = request.Path.Value,
                ["target"] = target,
                ["query"] = request.QueryString.Value,
                ["host"] = request.Host.Value,
                ["bodyLength"] = bodyLength,
                ["headers"] = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            };
            await context.Response.WriteAsync(JsonSerializer.Serialize(echo, EchoJson.Options));
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new Backend(app, name, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}

/// <summary>The echo's JSON, read back by tests.</summary>
public sealed record Echo(string Backend, string Method, string Path, string Target, string Query, string Host, long BodyLength, Dictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public static async Task<Echo> ReadAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<Echo>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), EchoJson.Options)!;
}

internal static class EchoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
