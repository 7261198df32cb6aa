using System.Diagnostics;

namespace Stratus.ConfigServer.Tests.Support;

/// <summary>A real Git repository in a temp folder, driven with the <c>git</c> command line.</summary>
public sealed class GitRepo : IDisposable
{
    public GitRepo(string branch = "main")
    {
        Root = Directory.CreateTempSubdirectory("stratus-cfg-").FullName;
        Path = System.IO.Path.Combine(Root, "repo");
        Directory.CreateDirectory(Path);
        Git("init", "-q", "-b", branch);
    }

    /// <summary>Folder holding the repository and anything placed beside it (for "outside the repo" files).</summary>
    public string Root { get; }

    public string Path { get; }

    public string Uri => "file://" + Path;

    public GitRepo Write(string file, string content)
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public GitRepo WriteBytes(string file, byte[] content)
    {
        File.WriteAllBytes(System.IO.Path.Combine(Path, file), content);
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit id.</summary>
    public string Commit(string message = "change")
    {
        Git("add", "-A");
        Git("-c", "user.email=test@stratus", "-c", "user.name=test", "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
