using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>One trace from an HTTP request through a RabbitMQ message to the consumer's own HTTP call, with Stratus.Observability.</summary>
public sealed class TraceAcrossMessagesTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_b3_caller_trace_runs_through_the_message_into_the_consumers_http_call()
    {
        var destination = "traced-" + Guid.NewGuid().ToString("N")[..8];
        var downstream = new TaskCompletionSource<IHeaderDictionary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var messageHeaders = new ConcurrentQueue<IReadOnlyDictionary<string, object?>>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(broker.BinderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Observability:ServiceName"] = "orders",
            ["Stratus:Messaging:Bindings:orders:Destination"] = destination,
            ["Stratus:Messaging:Bindings:orders:Group"] = "billing",
        });
        builder.AddStratusObservability();
        builder.Services.AddHttpClient();
        Uri? self = null;
        IHttpClientFactory? clients = null;
        var messaging = broker.AddBinder(builder.Services.AddStratusMessaging(builder.Configuration), builder.Configuration);
        builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TestJsonContext.Default));
        messaging.AddMessageConsumer<OrderPlaced>("orders", async (message, cancellationToken) =>
        {
            messageHeaders.Enqueue(message.Headers);
            var client = clients!.CreateClient();
            using var response = await client.GetAsync(new Uri(self!, "downstream"), cancellationToken);
            response.EnsureSuccessStatusCode();
        });
        await using var app = builder.Build();
        app.MapPost("/orders", async (IMessagePublisher publisher, CancellationToken cancellationToken) =>
        {
            await publisher.PublishAsync("orders", new OrderPlaced("o-traced", 1), null, cancellationToken);
            return Results.Accepted();
        });
        app.MapGet("/downstream", (HttpContext context) =>
        {
            downstream.TrySetResult(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return Results.Ok();
        });
        clients = app.Services.GetRequiredService<IHttpClientFactory>();
        await app.StartAsync(Token);
        self = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

        // A caller that speaks only B3, as an older Spring Cloud Sleuth service does.
        const string traceId = "463ac35c9f6413ad48485a3953bb6124";
        // A client that adds no trace headers of its own (this process has a tracing listener).
        using var caller = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(self, "orders"));
        request.Headers.Add("X-B3-TraceId", traceId);
        request.Headers.Add("X-B3-SpanId", "a2fb4a1d1a96d312");
        request.Headers.Add("X-B3-Sampled", "1");
        using var accepted = await caller.SendAsync(request, Token);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);

        var headers = await downstream.Task.WaitAsync(Timeout, Token);
        var message = Assert.Single(messageHeaders);
        Assert.StartsWith($"00-{traceId}-", (string)message["traceparent"]!, StringComparison.Ordinal);
        Assert.Equal(traceId, (string)message["X-B3-TraceId"]!);
        Assert.StartsWith($"00-{traceId}-", headers["traceparent"].ToString(), StringComparison.Ordinal);
        Assert.Equal(traceId, headers["X-B3-TraceId"].ToString());
        await app.StopAsync(Token);
    }
}
