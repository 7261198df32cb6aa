using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Stratus.Tests.Shared;

/// <summary>
/// A private PostgreSQL server for tests (the Debian <c>postgresql</c> package ./test.sh installs): <c>initdb</c> into a
/// temporary folder, <c>postgres</c> on 127.0.0.1 and a free port with its socket in that folder, a superuser with a
/// random password (scram-sha-256, no trust). PostgreSQL refuses to run as root, so a test running as root runs
/// <c>initdb</c>, <c>pg_ctl</c> and the server as the <c>postgres</c> user. Stopped with <c>pg_ctl stop -m fast</c>,
/// then by PID; the folder is deleted. Free of xunit so every test project can link it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The superuser <c>initdb</c> makes.</summary>
    public const string Username = "stratus";

    private const string Root = "/usr/lib/postgresql";
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _pid;

    private PostgresServer(string folder, string bin, bool asPostgresUser, int port, string password)
    {
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The superuser's password (random, URL-safe).</summary>
    public string Password { get; }

    /// <summary>The newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> that has <c>initdb</c>, or null.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>
    /// Why PostgreSQL tests cannot run here, or null when they can (or must): the binaries are missing and this is not
    /// CI. Under <c>CI=true</c> a missing server is a failure of <see cref="StartAsync"/>, never a skip.
    /// </summary>
    public static string? SkipReason =>
        BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"PostgreSQL is not installed ({Root}/<version>/bin/initdb is missing); ./test.sh installs the 'postgresql' package"
            : null;

    /// <summary>A connection string for <paramref name="database"/> as the superuser (or <paramref name="username"/>).</summary>
    public string ConnectionString(string database, string? username = null, string? password = null) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={username ?? Username};Password={password ?? Password}";

    /// <summary>The same as a <c>postgres://</c> URL.</summary>
    public string Url(string database) => $"postgres://{Username}:{Password}@127.0.0.1:{Port}/{database}";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed: no {Root}/<version>/bin/initdb (CI=true, so this fails instead of skipping); ./test.sh installs the 'postgresql' package");
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("stratus-postgres-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var server = new PostgresServer(folder, bin, asPostgresUser, FreePort(), password);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:postgres", folder], folder, cancellationToken);
            }

            var passwordFile = Path.Combine(folder, "password");
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:postgres", passwordFile], folder, cancellationToken);
            }

            // -N: no fsync of the new cluster, which lives for one test run.
            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-U", Username, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-locale", "-N"], cancellationToken);
            File.Delete(passwordFile);

            var options = string.Join(' ',
                "-c listen_addresses=127.0.0.1",
                $"-p {server.Port.ToString(CultureInfo.InvariantCulture)}",
                $"-c unix_socket_directories='{folder}'",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            try
            {
                await server.RunToolAsync("pg_ctl", ["start", "-D", server.DataDirectory, "-l", server.LogFile, "-w", "-t", "60", "-o", options], cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{server.Port}: {e.Message}\n--- server log ---\n{server.Log}", e);
            }

            server._pid = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL through <c>psql</c> as the superuser (unaligned, tuples only, fields split by <c>|</c>); throws with psql's error.</summary>
    public async Task<string> SqlAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(Path.Combine(_bin, "psql"));
        foreach (var arg in new[] { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Username, "-d", database, "-c", sql })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PGPASSWORD"] = Password;
        var (exitCode, output, error) = await RunProcessAsync(info, _folder, cancellationToken);
        return exitCode == 0 ? output.TrimEnd('\n') : throw new InvalidOperationException($"psql -d {database} -c \"{sql}\" exited with {exitCode}: {error}");
    }

    /// <summary>The server's log so far.</summary>
    public string Log
    {
        get
        {
            try
            {
                return File.ReadAllText(LogFile);
            }
            catch (IOException)
            {
                return "(no server log)";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pid != 0)
        {
            try
            {
                await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Killed below.
            }

            try
            {
                using var postmaster = Process.GetProcessById(_pid);
                if (postmaster.ProcessName == "postgres")
                {
                    postmaster.Kill(entireProcessTree: true);
                    await postmaster.WaitForExitAsync(CancellationToken.None);
                }
            }
            catch (ArgumentException)
            {
                // Already gone: pg_ctl stopped it.
            }
            catch (InvalidOperationException)
            {
                // Exited between the lookup and the kill.
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    private string DataDirectory => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    private Task RunToolAsync(string tool, string[] args, CancellationToken cancellationToken) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args], _folder, cancellationToken)
            : RunAsync(Path.Combine(_bin, tool), args, _folder, cancellationToken);

    private static async Task RunAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var (exitCode, output, error) = await RunProcessAsync(info, workingDirectory, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {exitCode}: {output}{error}");
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(ProcessStartInfo info, string workingDirectory, CancellationToken cancellationToken)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // The postgres user cannot enter the test's own folder; PostgreSQL warns when it cannot enter the working directory.
        info.WorkingDirectory = workingDirectory;
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within 120 s");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string? FindBinDirectory()
    {
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => (Folder: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Folder, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Folder, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
