// Consumes the "orders" binding configured on the command line (Stratus:Messaging:... keys) and reports on stdout:
// "ready" once consuming, "handling <orderId>" when a handler starts and "handled <orderId>" when it returns. An order
// whose id starts with "hang" is never finished, so the test can kill this process while it holds that message.
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Messaging;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.Configure<MessagingJsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ConsumerJsonContext.Default));
builder.Services.AddStratusMessaging(builder.Configuration)
    .AddRabbitMqBinder(builder.Configuration)
    .AddConsumer<Order>("orders", async (order, cancellationToken) =>
    {
        Report($"handling {order.OrderId}");
        if (order.OrderId.StartsWith("hang", StringComparison.Ordinal))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        Report($"handled {order.OrderId}");
    });

using var host = builder.Build();
await host.StartAsync();
Report("ready");
await host.WaitForShutdownAsync();

static void Report(string line)
{
    lock (Console.Out)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}

internal sealed record Order(string OrderId, int Quantity);

[JsonSerializable(typeof(Order))]
internal sealed partial class ConsumerJsonContext : JsonSerializerContext;
