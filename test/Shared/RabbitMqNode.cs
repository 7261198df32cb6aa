using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Stratus.Testing;

/// <summary>
/// A private RabbitMQ node from the Debian <c>rabbitmq-server</c> package (<c>/usr/lib/rabbitmq/bin</c>, which ./test.sh
/// installs) on 127.0.0.1 and free AMQP and distribution ports, with its data, logs, Erlang cookie (<c>HOME</c>) and an
/// empty plugin list in a temporary folder, so nothing under /etc/rabbitmq or /var/lib/rabbitmq is read or written.
/// Shared source without xunit, linked into the messaging, bus and sample tests and the messaging benchmark.
/// Disposing stops it with <c>rabbitmqctl stop</c>, then by PID if it lingers, and deletes the folder; a node still
/// running when the process that started it exits is killed with it. epmd (port 4369), which Erlang starts on demand
/// and every node on the machine shares, is left running.
/// </summary>
internal sealed class RabbitMqNode : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private const int TailLines = 40;
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    // Every AMQP 0-9-1 connection opens with this header; a booted node answers with a Connection.Start method frame
    // (frame type 1). Checked on the wire so the starter needs no client library (the sample tests have none).
    private static readonly byte[] ProtocolHeader = [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, 0, 9, 1];

    private readonly StringBuilder _output = new();
    private readonly string _directory;
    private Process? _process;

    private RabbitMqNode(string name)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        NodeName = $"{name}-{id}@localhost";
        _directory = Path.Combine(Path.GetTempPath(), $"{name}-rabbitmq-{id}");
    }

    /// <summary>The Erlang node name, <c>{name}-{random}@localhost</c>, which <c>rabbitmqctl -n</c> takes.</summary>
    public string NodeName { get; }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The default <c>guest</c> user on the default vhost; RabbitMQ lets it in from loopback only.</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>The PID of the <c>rabbitmq-server</c> process, or 0 once stopped.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>From starting <c>rabbitmq-server</c> until the node answered an AMQP protocol header.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Starts a node and waits until it speaks AMQP. <paramref name="name"/> prefixes the node name and the temporary
    /// folder. Throws with the tail of the node's output and log files if it does not answer within 90 s.
    /// </summary>
    public static async Task<RabbitMqNode> StartAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{name}' is not a RabbitMQ node name prefix: use ASCII letters, digits, '-' and '_'.", nameof(name));
        }

        var node = new RabbitMqNode(name);
        try
        {
            await node.BootAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the RabbitMQ application (<c>rabbitmqctl stop_app</c>): clients are disconnected, the port closes, durable state stays on disk.</summary>
    public Task StopAppAsync(CancellationToken cancellationToken = default) => ControlAsync(["stop_app"], cancellationToken);

    /// <summary>Starts the RabbitMQ application again (<c>rabbitmqctl start_app</c>) and waits until it speaks AMQP.</summary>
    public async Task StartAppAsync(CancellationToken cancellationToken = default)
    {
        await ControlAsync(["start_app"], cancellationToken);
        if (!await WaitForAmqpAsync(cancellationToken))
        {
            throw new TimeoutException(Failure($"did not speak AMQP on 127.0.0.1:{Port} again within {BootTimeout.TotalSeconds:F0} s after start_app"));
        }
    }

    /// <summary>Runs <c>rabbitmqctl -n {node} {arguments}</c> and returns its standard output; throws with its standard error if it fails.</summary>
    public async Task<string> ControlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var info = StartInfo("rabbitmqctl", ["-n", NodeName, .. arguments]);
        var command = $"rabbitmqctl {string.Join(' ', arguments)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (!await ExitsWithinAsync(process, ControlTimeout, cancellationToken))
        {
            throw new TimeoutException($"{command} did not finish within {ControlTimeout.TotalSeconds:F0} s and was killed");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited {process.ExitCode}: {await stderr}");
        }

        return output;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                try
                {
                    await ControlAsync(["stop"]);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    // Fall through to killing the process tree we started.
                }

                await ExitsWithinAsync(_process, ExitTimeout, CancellationToken.None);
            }

            _process.Dispose();
            _process = null;
        }

        // The node lets go of its files as it exits; allow it a moment.
        if (!SpinWait.SpinUntil(TryDeleteDirectory, TimeSpan.FromSeconds(5)))
        {
            throw new IOException($"The RabbitMQ node's folder {_directory} could not be deleted.");
        }
    }

    private async Task BootAsync(CancellationToken cancellationToken)
    {
        var server = Path.Combine(BinDirectory, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"{server} is missing; ./test.sh installs it (apt-get install rabbitmq-server).");
        }

        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), string.Empty, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq-env.conf"), string.Empty, cancellationToken);
        Port = FreePort();
        var info = StartInfo("rabbitmq-server", []);
        info.WorkingDirectory = _directory;
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        // Erlang's distribution listener binds every interface unless told otherwise.
        info.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        info.Environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        // Config names that do not exist, so /etc/rabbitmq/rabbitmq.conf is never read.
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        info.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config");

        var clock = Stopwatch.StartNew();
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{server} did not start");
        // A benchmark stopped by SIGTERM, or a test host that exits without disposing, must not leave the node behind.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await WaitForAmqpAsync(cancellationToken))
        {
            StartupTime = clock.Elapsed;
            return;
        }

        throw _process.HasExited
            ? new InvalidOperationException(Failure($"exited with code {_process.ExitCode} before speaking AMQP on 127.0.0.1:{Port}"))
            : new TimeoutException(Failure($"did not speak AMQP on 127.0.0.1:{Port} within {BootTimeout.TotalSeconds:F0} s"));
    }

    private async Task<bool> WaitForAmqpAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < BootTimeout && _process is { HasExited: false })
        {
            if (await SpeaksAmqpAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    private async Task<bool> SpeaksAmqpAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, attempt.Token);
            var frameType = new byte[1];
            return await stream.ReadAsync(frameType, attempt.Token) == 1 && frameType[0] == 1;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    // False if the process had to be killed (with its children) because it did not exit in time.
    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    // rabbitmqctl must see the same HOME (for the Erlang cookie) and node name as the server.
    private ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(BinDirectory, program), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = _directory;
        info.Environment["RABBITMQ_NODENAME"] = NodeName;
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf");
        // An epmd that this node starts listens on loopback only.
        info.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        return info;
    }

    private string Failure(string what)
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        var message = new StringBuilder($"RabbitMQ node {NodeName} {what}.\n--- last lines of its output ---\n{Tail(output)}");
        var logs = Path.Combine(_directory, "log");
        foreach (var log in Directory.Exists(logs) ? Directory.EnumerateFiles(logs, "*.log") : [])
        {
            try
            {
                message.Append(CultureInfo.InvariantCulture, $"\n--- last lines of {log} ---\n{Tail(File.ReadAllText(log))}");
            }
            catch (IOException e)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n--- {log} unreadable: {e.Message} ---");
            }
        }

        return message.ToString();
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - TailLines)));
    }

    private void OnProcessExit(object? sender, EventArgs e)
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
