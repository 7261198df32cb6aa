using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stratus.Messaging;
using Stratus.Testing;

namespace Stratus.Bench.Messaging.RabbitMQ;

/// <summary>
/// Drains a backlog from a group queue (<c>&lt;destination&gt;.bench</c>, with its dead-letter queue and arguments as
/// the binder declares them) at a given prefetch, acknowledging each message after its handler. Direct: RabbitMQ.Client's
/// <see cref="AsyncEventingBasicConsumer"/> on its own channel, deserialising the same JSON and acking one by one.
/// Stratus: <c>AddConsumer&lt;OrderPlaced&gt;</c> in a generic host with the RabbitMQ binder. Each side has its own
/// destination and one consumer for all runs; a Stratus publisher fills both, so both read the messages (and headers)
/// Stratus writes.
/// </summary>
internal sealed class RabbitConsumeScenario : IScenario
{
    private const string Binding = "orders";
    private const string Group = "bench";
    private const string DeadLetterExchange = "DLX";
    private readonly int _prefetch;
    private readonly OrderPlaced _order;
    private readonly IConnection _connection;
    private readonly IChannel _admin;
    private readonly IHost _filler;
    private readonly Side _direct;
    private readonly Side _stratus;
    private IChannel? _consumerChannel;
    private IHost? _consumerHost;

    private RabbitConsumeScenario(int prefetch, OrderPlaced order, IConnection connection, IChannel admin, IHost filler)
    {
        _prefetch = prefetch;
        _order = order;
        _connection = connection;
        _admin = admin;
        _filler = filler;
        _direct = new Side($"bench.consume.p{prefetch}.direct");
        _stratus = new Side($"bench.consume.p{prefetch}.stratus");
    }

    public string Name => $"rabbit-consume-p{_prefetch}";

    public static async Task<RabbitConsumeScenario> CreateAsync(RabbitMqNode node, int prefetch, OrderPlaced order)
    {
        var connection = await new ConnectionFactory { Uri = node.AmqpUri, ClientProvidedName = "bench-direct" }.CreateConnectionAsync();
        var admin = await connection.CreateChannelAsync();
        var filler = await StratusApp.StartAsync(
            new Dictionary<string, string?> { ["Stratus:Messaging:RabbitMQ:Uri"] = node.AmqpUri.ToString() },
            (messaging, configuration) => messaging.AddRabbitMqBinder(configuration));
        var scenario = new RabbitConsumeScenario(prefetch, order, connection, admin, filler);
        await scenario.StartConsumersAsync(node);
        return scenario;
    }

    public Task<RunTime> RunDirectAsync(int messages) => RunAsync(_direct, messages);

    public Task<RunTime> RunStratusAsync(int messages) => RunAsync(_stratus, messages);

    public async ValueTask DisposeAsync()
    {
        if (_consumerHost is not null)
        {
            await StratusApp.StopAsync(_consumerHost);
        }

        if (_consumerChannel is not null)
        {
            await _consumerChannel.CloseAsync();
            await _consumerChannel.DisposeAsync();
        }

        await StratusApp.StopAsync(_filler);
        foreach (var side in new[] { _direct, _stratus })
        {
            await _admin.QueueDeleteAsync(side.Queue);
            await _admin.QueueDeleteAsync(side.Queue + ".dlq");
            await _admin.ExchangeDeleteAsync(side.Destination);
        }

        await _admin.CloseAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    private async Task StartConsumersAsync(RabbitMqNode node)
    {
        await DeclareAsync(_direct);
        await DeclareAsync(_stratus);

        _consumerChannel = await _connection.CreateChannelAsync();
        await _consumerChannel.BasicQosAsync(0, (ushort)_prefetch, global: false);
        var consumer = new AsyncEventingBasicConsumer(_consumerChannel);
        var channel = _consumerChannel;
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var drain = _direct.Slot.Current;
            await drain.EnterAsync();
            var order = JsonSerializer.Deserialize(delivery.Body.Span, BenchJsonContext.Default.OrderPlaced);
            GC.KeepAlive(order);
            drain.Handled();
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await _consumerChannel.BasicConsumeAsync(_direct.Queue, autoAck: false, consumer);

        _consumerHost = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:RabbitMQ:Uri"] = node.AmqpUri.ToString(),
                [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = _stratus.Destination,
                [$"Stratus:Messaging:Bindings:{Binding}:Group"] = Group,
                [$"Stratus:Messaging:Bindings:{Binding}:Prefetch"] = _prefetch.ToString(CultureInfo.InvariantCulture),
            },
            (messaging, configuration) => messaging.AddRabbitMqBinder(configuration),
            messaging => messaging.AddConsumer<OrderPlaced>(Binding, async (order, _) =>
            {
                var drain = _stratus.Slot.Current;
                await drain.EnterAsync();
                drain.Handled();
            }));
    }

    /// <summary>The binder's group topology, declared up front so the direct side has the same queue.</summary>
    private async Task DeclareAsync(Side side)
    {
        await _admin.ExchangeDeclareAsync(side.Destination, ExchangeType.Topic, durable: true, autoDelete: false);
        await _admin.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false);
        await _admin.QueueDeclareAsync(side.Queue + ".dlq", durable: true, exclusive: false, autoDelete: false);
        await _admin.QueueBindAsync(side.Queue + ".dlq", DeadLetterExchange, side.Queue);
        await _admin.QueueDeclareAsync(side.Queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            ["x-dead-letter-routing-key"] = side.Queue,
        });
        await _admin.QueueBindAsync(side.Queue, side.Destination, "#");
    }

    /// <summary>Fills the side's queue through Stratus (confirmed) while its consumer holds the first message, then times the drain.</summary>
    private async Task<RunTime> RunAsync(Side side, int messages)
    {
        var drain = side.Slot.Begin(messages);
        // An unconfigured binding name is its own destination.
        var publisher = _filler.Services.GetRequiredService<IMessagePublisher>();
        await Window.RunAsync(messages, 128, () => new ValueTask(publisher.PublishAsync(side.Destination, _order, null, CancellationToken.None)));
        var waiting = (await _admin.QueueDeclarePassiveAsync(side.Queue)).MessageCount;
        // The consumer holds up to the prefetch count; the rest must be in the queue.
        return waiting + (uint)_prefetch >= messages
            ? await drain.MeasureAsync()
            : throw new InvalidOperationException($"{Name}: the queue holds {waiting} messages after {messages} confirmed publishes.");
    }

    private sealed class Side(string destination)
    {
        public string Destination { get; } = destination;

        public string Queue { get; } = $"{destination}.{Group}";

        public DrainSlot Slot { get; } = new();
    }
}
