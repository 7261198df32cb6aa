using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Observability.Tests.Support;

/// <summary>A real Kestrel app playing Zipkin: records every <c>POST /api/v2/spans</c> body and answers 202, as Zipkin does.</summary>
public sealed class ZipkinCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _bodies = new();

    private ZipkinCollector(WebApplication app, Uri endpoint)
    {
        App = app;
        Endpoint = endpoint;
    }

    public WebApplication App { get; }

    public Uri Endpoint { get; }

    public IReadOnlyCollection<string> Bodies => _bodies;

    public static async Task<ZipkinCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ZipkinCollector? self = null;
        app.MapPost("/api/v2/spans", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            self!._bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ZipkinCollector(app, new Uri(address.TrimEnd('/') + "/api/v2/spans"));
        return self;
    }

    /// <summary>Every span received so far, each a JSON object of one <c>ListOfSpans</c>.</summary>
    public List<JsonElement> Spans()
    {
        var spans = new List<JsonElement>();
        foreach (var body in _bodies)
        {
            using var document = JsonDocument.Parse(body);
            spans.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
        }

        return spans;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
