using System.Diagnostics;

namespace Stratus.Bench.Messaging;

/// <summary>
/// Wall-clock time and this process's CPU time (user + system, every thread) of one timed run. The CPU time holds
/// when the machine is busy with other work, where the wall clock does not. It covers the .NET client and, for Kafka,
/// the mock cluster's threads, which live in this process; a RabbitMQ node is a process of its own.
/// </summary>
internal readonly record struct RunTime(TimeSpan Elapsed, TimeSpan Cpu)
{
    public static Timer Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    internal readonly record struct Timer(long StartedAt, TimeSpan CpuAtStart)
    {
        public RunTime Stop()
        {
            var elapsed = Stopwatch.GetElapsedTime(StartedAt);
            using var process = Process.GetCurrentProcess();
            return new RunTime(elapsed, process.TotalProcessorTime - CpuAtStart);
        }
    }
}
