using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Stratus.Testing;

[assembly: AssemblyFixture(typeof(Stratus.Messaging.Tests.Support.RabbitMqBroker))]

namespace Stratus.Messaging.Tests.Support;

/// <summary>
/// The xunit face of a private RabbitMQ node (test/Shared/RabbitMqNode.cs). Booting takes over 10 s, so one node serves
/// the whole assembly; tests isolate themselves with unique destination names, and tests that stop the broker start
/// a node of their own (<c>IsolatedRabbitMqNode</c>). Adds what the assertions read with <c>rabbitmqctl</c>.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime, IMessagingBroker
{
    private RabbitMqNode? _node;

    private RabbitMqNode Node => _node ?? throw new InvalidOperationException("The RabbitMQ node has not been started.");

    public string NodeName => Node.NodeName;

    public int Port => Node.Port;

    public Uri AmqpUri => Node.AmqpUri;

    public TimeSpan StartupTime => Node.StartupTime;

    public IReadOnlyDictionary<string, string?> BinderSettings() =>
        new Dictionary<string, string?> { ["Stratus:Messaging:RabbitMQ:Uri"] = AmqpUri.ToString() };

    public StratusMessagingBuilder AddBinder(StratusMessagingBuilder messaging, IConfiguration configuration) =>
        messaging.AddRabbitMqBinder(configuration);

    public async ValueTask InitializeAsync() => _node = await RabbitMqNode.StartAsync("stratus");

    /// <summary>Stops the RabbitMQ application (<c>rabbitmqctl stop_app</c>): clients are disconnected, the port closes, durable state stays on disk.</summary>
    public Task StopAppAsync() => Node.StopAppAsync();

    /// <summary>Starts the RabbitMQ application again (<c>rabbitmqctl start_app</c>) and waits until it speaks AMQP.</summary>
    public Task StartAppAsync() => Node.StartAppAsync();

    public Task<IConnection> ConnectAsync() => new ConnectionFactory { Uri = AmqpUri }.CreateConnectionAsync();

    /// <summary>
    /// Every queue whose name starts with <paramref name="prefix"/>, with its type (<c>classic</c>, <c>quorum</c>) and
    /// ready and unacknowledged counts, from one <c>rabbitmqctl list_queues</c> call (each costs a second or two).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Type, int Ready, int Unacknowledged)>> QueuesAsync(string prefix) =>
        (await ListAsync("list_queues", "name", "type", "messages_ready", "messages_unacknowledged"))
            .Where(fields => fields[0].StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(fields => fields[0], fields => (fields[1], Count(fields[2]), Count(fields[3])), StringComparer.Ordinal);

    /// <summary>Every binding whose source or destination starts with <paramref name="prefix"/>, from <c>rabbitmqctl list_bindings</c>.</summary>
    public async Task<IReadOnlyList<(string Source, string Destination, string RoutingKey)>> BindingsAsync(string prefix) =>
        (await ListAsync("list_bindings", "source_name", "destination_name", "routing_key"))
            .Where(fields => fields[0].StartsWith(prefix, StringComparison.Ordinal) || fields[1].StartsWith(prefix, StringComparison.Ordinal))
            .Select(fields => (fields[0], fields[1], fields[2]))
            .ToList();

    /// <summary>Ready and unacknowledged counts from <c>rabbitmqctl list_queues</c>; unacknowledged messages are invisible to AMQP.</summary>
    public async Task<(int Ready, int Unacknowledged)> QueueCountsAsync(string queue)
    {
        var rows = await ListAsync("list_queues", "name", "messages_ready", "messages_unacknowledged");
        var row = rows.FirstOrDefault(fields => fields[0] == queue)
            ?? throw new InvalidOperationException($"Queue {queue} not found in:\n{string.Join('\n', rows.Select(fields => string.Join('\t', fields)))}");
        return (Count(row[1]), Count(row[2]));
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
            _node = null;
        }
    }

    // The rows of a rabbitmqctl list command with exactly the columns asked for.
    private async Task<List<string[]>> ListAsync(string command, params string[] columns)
    {
        var output = await Node.ControlAsync([command, "-q", "--no-table-headers", .. columns]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == columns.Length)
            .ToList();
    }

    private static int Count(string field) => int.Parse(field, CultureInfo.InvariantCulture);
}
