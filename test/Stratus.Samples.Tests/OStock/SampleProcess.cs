using Stratus.IntegrationTests;

namespace Stratus.Samples.Tests.OStock;

/// <summary>
/// A real process of a sample service (or of <c>stratus</c>) with its output captured: the integration tests'
/// <see cref="StratusProcess"/> (linked), started from the program's own folder, with the sample tests' defaults.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly StratusProcess _process;

    private SampleProcess(StratusProcess process) => _process = process;

    /// <summary>Everything the process wrote: standard output, then standard error.</summary>
    public string Output => _process.Stdout + _process.Stderr;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="dll"/> with <c>dotnet</c>, its folder as content root and working directory.</summary>
    public static SampleProcess Start(string dll, IEnumerable<string> args) =>
        new(StratusProcess.StartDll(dll, args, workingDirectory: Path.GetDirectoryName(dll)!));

    /// <summary>Runs a one-off command to its end; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IEnumerable<string> args)
    {
        await using var process = Start(dll, args);
        await process._process.WaitForExitAsync(CommandTimeout);
        return (process.ExitCode, process.Output);
    }

    /// <summary>Waits until <c>/actuator/health</c> answers 200.</summary>
    public Task WaitHealthyAsync(Uri baseAddress, string what) => _process.WaitHealthyAsync(baseAddress, what, HealthTimeout);

    /// <summary>SIGTERM, as a container runtime sends it; waits for the exit (SIGKILL after 15 s).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.Terminate();
        try
        {
            await _process.WaitForExitAsync(StopGrace);
        }
        catch (TimeoutException)
        {
            // Killed after the grace period.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _process.DisposeAsync();
    }

    public static int FreePort() => StratusProcess.FreePort();
}
