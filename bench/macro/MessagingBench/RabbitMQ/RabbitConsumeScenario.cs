using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stratus.Bench.Messaging.Brokers;
using Stratus.Messaging;

namespace Stratus.Bench.Messaging.RabbitMQ;

/// <summary>
/// Drains a pre-filled group queue (<c>&lt;destination&gt;.bench</c>, with its dead-letter queue and arguments as the
/// binder declares them) at a given prefetch, acknowledging each message after its handler. Direct: RabbitMQ.Client's
/// <see cref="AsyncEventingBasicConsumer"/> on its own channel, deserialising the same JSON and acking one by one.
/// Stratus: <c>AddConsumer&lt;OrderPlaced&gt;</c> in a generic host with the RabbitMQ binder. Each run has its own
/// destination, filled by a Stratus publisher, so both sides read the messages (and headers) Stratus writes.
/// </summary>
internal sealed class RabbitConsumeScenario : IScenario
{
    private const string Binding = "orders";
    private const string Group = "bench";
    private const string DeadLetterExchange = "DLX";
    private readonly RabbitMqNode _node;
    private readonly int _prefetch;
    private readonly OrderPlaced _order;
    private readonly IConnection _connection;
    private readonly IChannel _admin;
    private readonly IHost _filler;

    private RabbitConsumeScenario(RabbitMqNode node, int prefetch, OrderPlaced order, IConnection connection, IChannel admin, IHost filler)
    {
        _node = node;
        _prefetch = prefetch;
        _order = order;
        _connection = connection;
        _admin = admin;
        _filler = filler;
    }

    public string Name => $"rabbit-consume-p{_prefetch}";

    public static async Task<RabbitConsumeScenario> CreateAsync(RabbitMqNode node, int prefetch, OrderPlaced order)
    {
        var connection = await node.ConnectAsync("bench-direct");
        var admin = await connection.CreateChannelAsync();
        var filler = await StratusApp.StartAsync(
            new Dictionary<string, string?> { ["Stratus:Messaging:RabbitMQ:Uri"] = node.AmqpUri.ToString() },
            (messaging, configuration) => messaging.AddRabbitMqBinder(configuration));
        return new RabbitConsumeScenario(node, prefetch, order, connection, admin, filler);
    }

    public async Task<RunTime> RunDirectAsync(int messages, string run)
    {
        var (destination, queue) = await FillAsync(messages, run + "-direct");
        var drain = new Drain(messages);
        var channel = await _connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, (ushort)_prefetch, global: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await drain.EnterAsync();
            var order = JsonSerializer.Deserialize(delivery.Body.Span, BenchJsonContext.Default.OrderPlaced);
            GC.KeepAlive(order);
            drain.Handled();
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        var tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        var elapsed = await drain.MeasureAsync();
        await channel.BasicCancelAsync(tag);
        await channel.CloseAsync();
        await channel.DisposeAsync();
        await DeleteAsync(destination, queue);
        return elapsed;
    }

    public async Task<RunTime> RunStratusAsync(int messages, string run)
    {
        var (destination, queue) = await FillAsync(messages, run + "-stratus");
        var drain = new Drain(messages);
        var host = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:RabbitMQ:Uri"] = _node.AmqpUri.ToString(),
                [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = destination,
                [$"Stratus:Messaging:Bindings:{Binding}:Group"] = Group,
                [$"Stratus:Messaging:Bindings:{Binding}:Prefetch"] = _prefetch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            (messaging, configuration) => messaging.AddRabbitMqBinder(configuration),
            messaging => messaging.AddConsumer<OrderPlaced>(Binding, async (order, _) =>
            {
                await drain.EnterAsync();
                drain.Handled();
            }));
        var elapsed = await drain.MeasureAsync();
        await StratusApp.StopAsync(host);
        await DeleteAsync(destination, queue);
        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await StratusApp.StopAsync(_filler);
        await _admin.CloseAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>Declares the binder's group topology for a new destination and fills its queue through Stratus, confirmed.</summary>
    private async Task<(string Destination, string Queue)> FillAsync(int messages, string run)
    {
        var destination = $"bench.consume.p{_prefetch}.{run}";
        var queue = $"{destination}.{Group}";
        await _admin.ExchangeDeclareAsync(destination, ExchangeType.Topic, durable: true, autoDelete: false);
        await _admin.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false);
        await _admin.QueueDeclareAsync(queue + ".dlq", durable: true, exclusive: false, autoDelete: false);
        await _admin.QueueBindAsync(queue + ".dlq", DeadLetterExchange, queue);
        await _admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            ["x-dead-letter-routing-key"] = queue,
        });
        await _admin.QueueBindAsync(queue, destination, "#");
        // An unconfigured binding name is its own destination.
        var publisher = _filler.Services.GetRequiredService<IMessagePublisher>();
        await Window.RunAsync(messages, 128, () => new ValueTask(publisher.PublishAsync(destination, _order, null, CancellationToken.None)));
        var ready = (await _admin.QueueDeclarePassiveAsync(queue)).MessageCount;
        return ready == messages
            ? (destination, queue)
            : throw new InvalidOperationException($"{Name}: the queue holds {ready} messages after {messages} confirmed publishes.");
    }

    private async Task DeleteAsync(string destination, string queue)
    {
        await _admin.QueueDeleteAsync(queue);
        await _admin.QueueDeleteAsync(queue + ".dlq");
        await _admin.ExchangeDeleteAsync(destination);
    }
}
