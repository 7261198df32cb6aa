using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Support;

/// <summary>
/// A plain AMQP client on a bus destination, as a Java service's Spring Cloud Stream binding would be: it reads every
/// message published to the <c>springCloudBus</c>-style topic exchange and publishes raw bytes to it.
/// </summary>
public sealed class BusTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;
    private readonly ConcurrentQueue<Received> _messages = new();

    private BusTap(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    public IReadOnlyCollection<Received> Messages => _messages;

    public static async Task<BusTap> OpenAsync(RabbitMqBroker broker, string exchange)
    {
        var connection = await broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as the binder declares it (durable topic), so either may come first.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "#");
        var tap = new BusTap(connection, channel, exchange);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap._messages.Enqueue(new Received(delivery.Body.ToArray(), delivery.BasicProperties.ContentType, Headers(delivery.BasicProperties.Headers)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return tap;
    }

    /// <summary>Publishes bytes as Spring Cloud Stream does: routing key = destination, <c>contentType</c> as property and header.</summary>
    public async Task PublishAsync(string body, string contentType = "application/json")
    {
        var properties = new BasicProperties
        {
            ContentType = contentType,
            Headers = new Dictionary<string, object?> { ["contentType"] = contentType },
        };
        await _channel.BasicPublishAsync(_exchange, _exchange, mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The first message whose JSON has <c>type</c> = <paramref name="type"/> and passes <paramref name="match"/>, or null.</summary>
    public Received? Find(string type, Func<JsonElement, bool>? match = null) =>
        _messages.FirstOrDefault(m => m.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("type", out var t) && t.GetString() == type && (match?.Invoke(json) ?? true));

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _channel.DisposeAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    private static Dictionary<string, string?> Headers(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>()).ToDictionary(
            h => h.Key,
            h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString());

    public sealed record Received(byte[] Body, string? ContentType, IReadOnlyDictionary<string, string?> Headers)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public JsonElement? Json
        {
            get
            {
                try
                {
                    return JsonDocument.Parse(Body).RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }
    }
}
