using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stratus.Management.Http;

namespace Stratus.Management.Threads;

/// <summary>
/// <c>GET {base}/threaddump</c>: the process's OS threads in Spring's shape, as far as .NET can see them cheaply. On Linux
/// each thread's name, id and scheduler state come from <c>/proc/self/task</c>; elsewhere id and state come from
/// <see cref="Process.Threads"/>. States map to Java's names: running is RUNNABLE, sleeping or blocked is WAITING, dead is
/// TERMINATED; the OS letter is kept as <c>osState</c>. There are no stack traces (reading managed stacks of other
/// threads needs a debugger), and the thread pool's counters are added as <c>threadPool</c>.
/// </summary>
internal static class ThreadDumpEndpoint
{
    private const string Tasks = "/proc/self/task";

    public static async Task GetAsync(HttpContext context)
    {
        var threads = Directory.Exists(Tasks) ? await ReadProcAsync(context.RequestAborted).ConfigureAwait(false) : ReadProcess();
        await ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("threads");
            foreach (var thread in threads.OrderBy(t => t.Id))
            {
                json.WriteStartObject();
                if (thread.Name is not null)
                {
                    json.WriteString("threadName", thread.Name);
                }

                json.WriteNumber("threadId", thread.Id);
                json.WriteString("threadState", thread.State);
                json.WriteString("osState", thread.OsState);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("threadPool");
            json.WriteNumber("threadCount", ThreadPool.ThreadCount);
            json.WriteNumber("pendingWorkItemCount", ThreadPool.PendingWorkItemCount);
            json.WriteNumber("completedWorkItemCount", ThreadPool.CompletedWorkItemCount);
            json.WriteEndObject();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task<List<OsThread>> ReadProcAsync(CancellationToken cancellationToken)
    {
        var threads = new List<OsThread>();
        foreach (var directory in Directory.EnumerateDirectories(Tasks))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var name = (await File.ReadAllTextAsync(Path.Combine(directory, "comm"), cancellationToken).ConfigureAwait(false)).TrimEnd('\n');
                var stat = await File.ReadAllTextAsync(Path.Combine(directory, "stat"), cancellationToken).ConfigureAwait(false);
                var close = stat.LastIndexOf(')');
                var letter = close >= 0 && close + 2 < stat.Length ? stat[close + 2].ToString() : "?";
                threads.Add(new OsThread(id, name, JavaState(letter), letter));
            }
            catch (IOException)
            {
                // The thread ended while we read it: it is no longer part of the dump.
            }
        }

        return threads;
    }

    private static List<OsThread> ReadProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Cast<ProcessThread>()
            .Select(t => new OsThread(t.Id, null, t.ThreadState == System.Diagnostics.ThreadState.Running ? "RUNNABLE" : "WAITING", t.ThreadState.ToString()))
            .ToList();
    }

    private static string JavaState(string letter) => letter switch
    {
        "R" => "RUNNABLE",
        "Z" or "X" => "TERMINATED",
        _ => "WAITING",
    };

    private sealed record OsThread(int Id, string? Name, string State, string OsState);
}
