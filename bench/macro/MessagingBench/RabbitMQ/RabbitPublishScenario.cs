using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using Stratus.Messaging;
using Stratus.Testing;

namespace Stratus.Bench.Messaging.RabbitMQ;

/// <summary>
/// Persistent 1 KB messages to a durable topic exchange bound to a durable queue, each publish awaiting its confirm,
/// with <c>inFlight</c> publishes outstanding. Direct: RabbitMQ.Client on a channel with confirmations and tracking, as
/// the binder opens its publishing channel, serialising the payload with the same source-generated JSON. Stratus:
/// <see cref="IMessagePublisher.PublishAsync"/> in a generic host with the RabbitMQ binder. Both publish to the same
/// exchange; after each run the queue is purged and must have held exactly the published count.
/// </summary>
internal sealed class RabbitPublishScenario : IScenario
{
    private const string Binding = "orders";
    private readonly int _inFlight;
    private readonly OrderPlaced _order;
    private readonly string _exchange;
    private readonly string _queue;
    private readonly IConnection _connection;
    private readonly IChannel _admin;
    private readonly IChannel _direct;
    private readonly IHost _stratus;
    private readonly IMessagePublisher _publisher;

    private RabbitPublishScenario(int inFlight, OrderPlaced order, string exchange, IConnection connection, IChannel admin, IChannel direct, IHost stratus)
    {
        _inFlight = inFlight;
        _order = order;
        _exchange = exchange;
        _queue = exchange + ".all";
        _connection = connection;
        _admin = admin;
        _direct = direct;
        _stratus = stratus;
        _publisher = stratus.Services.GetRequiredService<IMessagePublisher>();
    }

    public string Name => $"rabbit-publish-w{_inFlight}";

    public static async Task<RabbitPublishScenario> CreateAsync(RabbitMqNode node, int inFlight, OrderPlaced order)
    {
        var exchange = $"bench.publish.w{inFlight}";
        var connection = await new ConnectionFactory { Uri = node.AmqpUri, ClientProvidedName = "bench-direct" }.CreateConnectionAsync();
        var admin = await connection.CreateChannelAsync();
        await admin.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await admin.QueueDeclareAsync(exchange + ".all", durable: true, exclusive: false, autoDelete: false);
        await admin.QueueBindAsync(exchange + ".all", exchange, "#");
        var direct = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var stratus = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:RabbitMQ:Uri"] = node.AmqpUri.ToString(),
                [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = exchange,
            },
            (messaging, configuration) => messaging.AddRabbitMqBinder(configuration));
        return new RabbitPublishScenario(inFlight, order, exchange, connection, admin, direct, stratus);
    }

    public async Task<RunTime> RunDirectAsync(int messages)
    {
        var timer = RunTime.Start();
        await Window.RunAsync(messages, _inFlight, () =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(_order, BenchJsonContext.Default.OrderPlaced);
            var properties = new BasicProperties { ContentType = BindingOptions.DefaultContentType, DeliveryMode = DeliveryModes.Persistent };
            return _direct.BasicPublishAsync(_exchange, _exchange, mandatory: false, properties, body);
        });
        var elapsed = timer.Stop();
        await CheckAndPurgeAsync(messages);
        return elapsed;
    }

    public async Task<RunTime> RunStratusAsync(int messages)
    {
        var timer = RunTime.Start();
        await Window.RunAsync(messages, _inFlight, () => new ValueTask(_publisher.PublishAsync(Binding, _order, null, CancellationToken.None)));
        var elapsed = timer.Stop();
        await CheckAndPurgeAsync(messages);
        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await StratusApp.StopAsync(_stratus);
        await _admin.QueueDeleteAsync(_queue);
        await _admin.ExchangeDeleteAsync(_exchange);
        await _direct.CloseAsync();
        await _admin.CloseAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    private async Task CheckAndPurgeAsync(int messages)
    {
        var purged = await _admin.QueuePurgeAsync(_queue);
        if (purged != messages)
        {
            throw new InvalidOperationException($"{Name}: the queue held {purged} messages after {messages} confirmed publishes.");
        }
    }
}
