using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Stratus.IntegrationTests;

/// <summary>A real <c>stratus</c> process started from the build output, with its output captured.</summary>
public sealed partial class StratusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private StratusProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_stdout) { _stdout.AppendLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_stderr) { _stderr.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "stratus.dll");

    public static StratusProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        StartDll(DllPath, args, environment, workingDirectory);

    /// <summary>Starts any .NET program from the test output folder (for example the test service).</summary>
    public static StratusProcess StartDll(string dll, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new StratusProcess(Process.Start(info)!);
    }

    /// <summary>Runs <c>stratus</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        await using var process = Start(args);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Starts <c>stratus registry</c> on a free loopback port and waits until it answers.</summary>
    public static Task<(StratusProcess Process, Uri BaseAddress)> StartRegistryAsync(IEnumerable<string>? extraArgs = null, IDictionary<string, string>? environment = null, int? fixedPort = null) =>
        StartRoleAsync("registry", extraArgs, environment, fixedPort);

    /// <summary>Starts <c>stratus {role}</c> on a free loopback port and waits until its health endpoint answers.</summary>
    public static async Task<(StratusProcess Process, Uri BaseAddress)> StartRoleAsync(string role, IEnumerable<string>? extraArgs = null, IDictionary<string, string>? environment = null, int? fixedPort = null)
    {
        var port = fixedPort ?? FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var process = Start([role, "--urls", baseAddress.ToString().TrimEnd('/'), .. extraArgs ?? []], environment);
        try
        {
            await process.WaitHealthyAsync(baseAddress, $"stratus {role}", TimeSpan.FromSeconds(60));
            return (process, baseAddress);
        }
        catch (TimeoutException)
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until <c>{baseAddress}actuator/health</c> answers 2xx; throws if the process exits first (with its output) or
    /// the time runs out. A health call that times out counts as "still starting" (a loaded machine).
    /// </summary>
    public async Task WaitHealthyAsync(Uri baseAddress, string what, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{what} exited with {ExitCode}: {Stdout}{Stderr}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseAddress, "actuator/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but still starting (a loaded machine): ask again.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what}: {baseAddress} did not answer within {timeout.TotalSeconds} s: {Stdout}{Stderr}");
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd would.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
        }
    }

    /// <summary>Sends SIGKILL: the process dies at once, without deregistering or draining.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 9);
            _process.WaitForExit();
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"stratus did not exit within {timeout}: {Stdout}{Stderr}");
        }

        // Let the asynchronous readers drain the last lines.
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Already killed.
            }
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
