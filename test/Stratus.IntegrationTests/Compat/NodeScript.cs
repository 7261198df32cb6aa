using System.Diagnostics;

namespace Stratus.IntegrationTests.Compat;

/// <summary>Runs a script of a third-party client kept under <c>test/compat/{folder}</c> with Node, to completion.</summary>
public static class NodeScript
{
    /// <summary>The compat folder, found above the test binaries; fails the test when its npm package is not installed.</summary>
    public static string Folder(string folder, string package)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "test", "compat", folder);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node_modules", package)))
                {
                    Assert.Fail($"{package} is not installed in {candidate}; run ./test.sh (it runs npm ci there) or 'npm ci' in that folder");
                }

                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"test/compat/{folder} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs <c>node {args}</c> in <paramref name="folder"/>; kills it when <paramref name="limit"/> passes.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string folder, IEnumerable<string> args, TimeSpan limit)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
