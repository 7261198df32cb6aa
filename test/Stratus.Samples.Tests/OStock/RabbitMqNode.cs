using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Stratus.Samples.Tests.OStock;

/// <summary>
/// A private RabbitMQ node (the Debian <c>rabbitmq-server</c> package ./test.sh installs) on 127.0.0.1 and free ports,
/// its data, logs and cookie in a temporary folder, as test/Stratus.Messaging.Tests starts one. Stopped with
/// <c>rabbitmqctl stop</c>, then by PID.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private readonly StringBuilder _output = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("ostock-rabbitmq-").FullName;
    private readonly string _nodeName = $"ostock-{Guid.NewGuid().ToString("N")[..12]}@localhost";
    private Process? _process;

    public int Port { get; } = SampleProcess.FreePort();

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static bool Installed => File.Exists(Path.Combine(BinDirectory, "rabbitmq-server"));

    public async Task StartAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq-env.conf"), string.Empty);
        var info = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmq-server")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        SetEnvironment(info);
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = SampleProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        info.Environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        info.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config");
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                // Listening on AMQP: the node has finished booting (the listener opens last).
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"RabbitMQ node {_nodeName} did not listen on {Port}: {Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                var stop = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmqctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
                SetEnvironment(stop);
                stop.ArgumentList.Add("-n");
                stop.ArgumentList.Add(_nodeName);
                stop.ArgumentList.Add("stop");
                using (var ctl = Process.Start(stop)!)
                {
                    await ctl.WaitForExitAsync();
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
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    private string Output { get { lock (_output) { return _output.ToString(); } } }

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
}
