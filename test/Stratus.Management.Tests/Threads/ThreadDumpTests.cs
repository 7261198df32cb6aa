using System.Text.Json;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Threads;

public sealed class ThreadDumpTests
{
    private static readonly string[] States = ["RUNNABLE", "WAITING", "TERMINATED"];

    [Fact]
    public async Task Threaddump_lists_this_process_threads_and_thread_pool_counters()
    {
        await using var host = await ManagementHost.StartAsync(new Dictionary<string, string?> { ["Stratus:Management:Exposure:Include"] = "threaddump" });

        using var json = JsonDocument.Parse(await host.GetStringAsync("actuator/threaddump"));

        var threads = json.RootElement.GetProperty("threads").EnumerateArray().ToList();
        Assert.Contains(threads, t => t.GetProperty("threadId").GetInt32() == Environment.ProcessId);
        Assert.All(threads, t => Assert.Contains(t.GetProperty("threadState").GetString(), States));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(threads, t => t.GetProperty("threadId").GetInt32() == Environment.ProcessId && t.TryGetProperty("threadName", out _));
        }

        Assert.True(json.RootElement.GetProperty("threadPool").GetProperty("threadCount").GetInt32() > 0);
    }
}
