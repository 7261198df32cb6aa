using System.Collections.Concurrent;
using System.Diagnostics;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>
/// A group member that dies mid-handling: a real consumer process (test/Stratus.Messaging.TestConsumer) killed with
/// SIGKILL while it holds an unacknowledged message.
/// </summary>
public sealed class KilledConsumerTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _destination = "killed-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unacknowledged_message_of_a_killed_consumer_goes_to_the_other_member_and_no_acknowledged_message_is_lost()
    {
        using var child = ConsumerProcess.Start(broker, _destination, "billing");
        await child.WaitForLineAsync("ready", Timeout);
        await using var producer = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, group: null));

        // Prefetch is 1: the child gets hang-3 only after acknowledging ok-1 and ok-2, then holds it unacknowledged.
        foreach (var id in new[] { "ok-1", "ok-2", "hang-3" })
        {
            await producer.Publisher.PublishAsync("orders", new OrderPlaced(id, 1), null, Token);
        }

        await child.WaitForLineAsync("handling hang-3", Timeout);
        var survivor = new ConcurrentQueue<string>();
        await using var member = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { survivor.Enqueue(order.OrderId); return Task.CompletedTask; }));
        var later = Enumerable.Range(4, 5).Select(i => $"ok-{i}").ToList();
        foreach (var id in later)
        {
            await producer.Publisher.PublishAsync("orders", new OrderPlaced(id, 1), null, Token);
        }

        await Eventually.TrueAsync(() => Task.FromResult(later.All(survivor.Contains)), Timeout, "the later messages handled by the survivor");
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 1), Timeout, "only hang-3 outstanding, held by the child");
        child.Kill();

        await Eventually.TrueAsync(() => Task.FromResult(survivor.Contains("hang-3")), Timeout, "hang-3 redelivered to the survivor");
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0), Timeout, "the queue drained");
        Assert.Equal(["handled ok-1", "handled ok-2"], child.Lines.Where(line => line.StartsWith("handled ", StringComparison.Ordinal)));
        // What the child acknowledged is not redelivered; everything else reached the survivor exactly once.
        Assert.Equal(later.Append("hang-3").Order(), survivor.Order());
    }

    /// <summary>The test consumer as a child process, with its stdout lines collected.</summary>
    private sealed class ConsumerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly ConcurrentQueue<string> _errors = new();

        private ConsumerProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public IReadOnlyCollection<string> Lines => _lines;

        public static ConsumerProcess Start(RabbitMqBroker broker, string destination, string group)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stratus.Messaging.TestConsumer.dll"));
            info.ArgumentList.Add($"--Stratus:Messaging:RabbitMQ:Uri={broker.AmqpUri}");
            info.ArgumentList.Add("--Stratus:Messaging:RabbitMQ:ConnectionName=killed-consumer");
            info.ArgumentList.Add($"--Stratus:Messaging:Bindings:orders:Destination={destination}");
            info.ArgumentList.Add($"--Stratus:Messaging:Bindings:orders:Group={group}");
            info.Environment["DOTNET_ENVIRONMENT"] = "Production";
            return new ConsumerProcess(Process.Start(info)!);
        }

        public async Task WaitForLineAsync(string line, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!_lines.Contains(line))
            {
                if (_process.HasExited || clock.Elapsed > timeout)
                {
                    throw new InvalidOperationException(
                        $"The test consumer did not print '{line}' (exited: {_process.HasExited}). Output:\n{string.Join('\n', _lines)}\n{string.Join('\n', _errors)}");
                }

                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }

        /// <summary>SIGKILL: no shutdown hook runs, the socket is torn down by the kernel.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
