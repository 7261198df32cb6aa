using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;

namespace Stratus.Bench.Messaging.Brokers;

/// <summary>
/// A private RabbitMQ node (the Debian <c>rabbitmq-server</c> package) on 127.0.0.1 and free AMQP and distribution
/// ports, with data, logs, cookie and an empty plugin list in a temporary directory, as the messaging tests start it
/// (test/Stratus.Messaging.Tests/Support/RabbitMqBroker.cs, which is an xunit fixture and so not linked here).
/// Stopped with <c>rabbitmqctl stop</c>, then by PID if it lingers.
/// </summary>
internal sealed class RabbitMqNode : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private readonly StringBuilder _output = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "stratus-bench-rabbitmq-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _nodeName = $"stratus-bench-{Guid.NewGuid().ToString("N")[..12]}@localhost";
    private Process? _process;

    private RabbitMqNode()
    {
    }

    public int Port { get; private set; }

    public int ProcessId => _process?.Id ?? 0;

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<RabbitMqNode> StartAsync()
    {
        var node = new RabbitMqNode();
        try
        {
            await node.BootAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public Task<IConnection> ConnectAsync(string name) =>
        new ConnectionFactory { Uri = AmqpUri, ClientProvidedName = name }.CreateConnectionAsync();

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

    private async Task BootAsync()
    {
        var server = Path.Combine(BinDirectory, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"{server} is missing: apt-get install rabbitmq-server (./test.sh does)");
        }

        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq-env.conf"), string.Empty);
        Port = FreePort();
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        SetEnvironment(info);
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        info.Environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        // Config names that do not exist, so /etc/rabbitmq is never read.
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        info.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config");

        var clock = Stopwatch.StartNew();
        _process = Process.Start(info)!;
        // A SIGTERM from the driver script ends this process without running finally blocks; the node must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillIfRunning();
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var factory = new ConnectionFactory { Uri = AmqpUri };
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (global::RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                await Task.Delay(200);
            }
        }

        lock (_output)
        {
            throw new TimeoutException($"RabbitMQ node {_nodeName} did not accept AMQP on port {Port} within 60 s. Output:\n{_output}");
        }
    }

    private void KillIfRunning()
    {
        try
        {
            if (_process is { HasExited: false } running)
            {
                running.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        // The killed node lets go of its files as it dies.
        SpinWait.SpinUntil(TryDeleteDirectory, TimeSpan.FromSeconds(5));
    }

    private bool TryDeleteDirectory()
    {
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task RabbitMqCtlAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmqctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
        SetEnvironment(info);
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(_nodeName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }
    }

    // rabbitmqctl must see the same HOME (for the Erlang cookie) and node name as the server.
    private void SetEnvironment(ProcessStartInfo info)
    {
        info.Environment["HOME"] = _directory;
        info.Environment["RABBITMQ_NODENAME"] = _nodeName;
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf");
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
