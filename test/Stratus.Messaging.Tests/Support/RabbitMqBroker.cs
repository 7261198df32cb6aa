using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(Stratus.Messaging.Tests.Support.RabbitMqBroker))]

namespace Stratus.Messaging.Tests.Support;

/// <summary>
/// A private RabbitMQ node (the Debian <c>rabbitmq-server</c> package ./test.sh installs) on 127.0.0.1 and free AMQP and
/// distribution ports, with its data, logs, cookie and an empty plugin list in a temporary directory so nothing under
/// /etc or /var/lib/rabbitmq is read or written. Booting takes over 10 s, so one node serves the whole assembly; tests
/// isolate themselves with unique destination names; tests that stop the broker start their own node
/// (<see cref="IsolatedRabbitMqNode"/>). Stopped with <c>rabbitmqctl stop</c>, then by PID if it lingers.
/// epmd (port 4369), which Erlang starts on demand, is shared by all nodes on the machine and is left running.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime, IMessagingBroker
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private readonly StringBuilder _output = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "stratus-rabbitmq-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _process;

    public string NodeName { get; } = $"stratus-{Guid.NewGuid().ToString("N")[..12]}@localhost";

    public int Port { get; private set; }

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public IReadOnlyDictionary<string, string?> BinderSettings() =>
        new Dictionary<string, string?> { ["Stratus:Messaging:RabbitMQ:Uri"] = AmqpUri.ToString() };

    public StratusMessagingBuilder AddBinder(StratusMessagingBuilder messaging, Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        messaging.AddRabbitMqBinder(configuration);

    public TimeSpan StartupTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var server = Path.Combine(BinDirectory, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"{server} is missing; ./test.sh installs it (apt-get install rabbitmq-server)");
        }

        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq-env.conf"), string.Empty);
        Port = FreePort();
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        SetEnvironment(info);
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        // Erlang's distribution listener binds every interface unless told otherwise.
        info.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        info.Environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        // Point the config files at names that do not exist, so /etc/rabbitmq/rabbitmq.conf is never read.
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        info.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config");

        var clock = Stopwatch.StartNew();
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await WaitForAmqpAsync(clock, TimeSpan.FromSeconds(60)))
        {
            StartupTime = clock.Elapsed;
            return;
        }

        var output = Output;
        await DisposeAsync();
        throw new TimeoutException($"RabbitMQ node {NodeName} did not accept AMQP on port {Port} within 60 s. Output:\n{output}");
    }

    /// <summary>Stops the RabbitMQ application (<c>rabbitmqctl stop_app</c>): clients are disconnected, the port closes, durable state stays on disk.</summary>
    public async Task StopAppAsync() => await RabbitMqCtlAsync("stop_app");

    /// <summary>Starts the RabbitMQ application again (<c>rabbitmqctl start_app</c>) and waits until it accepts AMQP.</summary>
    public async Task StartAppAsync()
    {
        await RabbitMqCtlAsync("start_app");
        if (!await WaitForAmqpAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"RabbitMQ node {NodeName} did not accept AMQP again within 60 s after start_app. Output:\n{Output}");
        }
    }

    /// <summary>
    /// Every queue whose name starts with <paramref name="prefix"/>, with its type (<c>classic</c>, <c>quorum</c>) and
    /// ready and unacknowledged counts, from one <c>rabbitmqctl list_queues</c> call (each costs a second or two).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Type, int Ready, int Unacknowledged)>> QueuesAsync(string prefix)
    {
        var output = await RabbitMqCtlAsync("list_queues", "-q", "--no-table-headers", "name", "type", "messages_ready", "messages_unacknowledged");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 4 && fields[0].StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(
                fields => fields[0],
                fields => (fields[1], int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture)),
                StringComparer.Ordinal);
    }

    /// <summary>Every binding whose source or destination starts with <paramref name="prefix"/>, from <c>rabbitmqctl list_bindings</c>.</summary>
    public async Task<IReadOnlyList<(string Source, string Destination, string RoutingKey)>> BindingsAsync(string prefix)
    {
        var output = await RabbitMqCtlAsync("list_bindings", "-q", "--no-table-headers", "source_name", "destination_name", "routing_key");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 3 && (fields[0].StartsWith(prefix, StringComparison.Ordinal) || fields[1].StartsWith(prefix, StringComparison.Ordinal)))
            .Select(fields => (fields[0], fields[1], fields[2]))
            .ToList();
    }

    public Task<IConnection> ConnectAsync() => new ConnectionFactory { Uri = AmqpUri }.CreateConnectionAsync();

    /// <summary>Ready and unacknowledged counts from <c>rabbitmqctl list_queues</c>; unacknowledged messages are invisible to AMQP.</summary>
    public async Task<(int Ready, int Unacknowledged)> QueueCountsAsync(string queue)
    {
        var output = await RabbitMqCtlAsync("list_queues", "-q", "--no-table-headers", "name", "messages_ready", "messages_unacknowledged");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length == 3 && fields[0] == queue)
            {
                return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"Queue {queue} not found in:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                try
                {
                    await RabbitMqCtlAsync("stop");
                }
                catch (InvalidOperationException)
                {
                    // Fall through to killing the process tree we started.
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }

            _process.Dispose();
            _process = null;
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<string> RabbitMqCtlAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmqctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
        SetEnvironment(info);
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private async Task<bool> WaitForAmqpAsync(Stopwatch clock, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = AmqpUri };
        while (clock.Elapsed < timeout && _process is { HasExited: false })
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return true;
            }
            catch (global::RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }

    // rabbitmqctl must see the same HOME (for the Erlang cookie) and node name as the server.
    private void SetEnvironment(ProcessStartInfo info)
    {
        info.Environment["HOME"] = _directory;
        info.Environment["RABBITMQ_NODENAME"] = NodeName;
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf");
        // An epmd that this node starts listens on loopback only.
        info.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
