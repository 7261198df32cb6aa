using System.Net.Sockets;

namespace Stratus.IntegrationTests.Cli;

/// <summary>
/// A real <c>stratus dev</c> process in a fresh working folder (holding <c>config-repo/</c>), each part on a free loopback
/// port through the <c>Stratus:Dev:*Url</c> keys.
/// </summary>
public sealed class DevProcess : IAsyncDisposable
{
    private DevProcess(StratusProcess process, string folder, Uri registry, Uri configServer, Uri gateway, Uri authServer)
    {
        Process = process;
        Folder = folder;
        Registry = registry;
        ConfigServer = configServer;
        Gateway = gateway;
        AuthServer = authServer;
    }

    public StratusProcess Process { get; }

    /// <summary>The working folder of the process.</summary>
    public string Folder { get; }

    public Uri Registry { get; }

    public Uri ConfigServer { get; }

    public Uri Gateway { get; }

    public Uri AuthServer { get; }

    /// <summary>A fresh working folder with an empty <c>config-repo/</c> in it.</summary>
    public static string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-dev-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "config-repo"));
        return folder;
    }

    /// <summary>Starts <c>stratus dev</c> in <paramref name="folder"/> without waiting for it.</summary>
    /// <param name="folder">The working folder (its appsettings.json and config-repo/).</param>
    /// <param name="extraArgs">More command-line options.</param>
    /// <param name="gatewayPort">The gateway's port, or a free one.</param>
    /// <param name="stratusDll">The stratus.dll to run: the test output's, unless a published one is named.</param>
    public static DevProcess Launch(string folder, IEnumerable<string>? extraArgs = null, int? gatewayPort = null, string? stratusDll = null)
    {
        var registry = new Uri($"http://127.0.0.1:{StratusProcess.FreePort()}/");
        var configServer = new Uri($"http://127.0.0.1:{StratusProcess.FreePort()}/");
        var gateway = new Uri($"http://127.0.0.1:{gatewayPort ?? StratusProcess.FreePort()}/");
        var authServer = new Uri($"http://127.0.0.1:{StratusProcess.FreePort()}/");
        var process = StratusProcess.StartDll(stratusDll ?? StratusProcess.DllPath,
        [
            "dev",
            $"--Stratus:Dev:RegistryUrl={Trim(registry)}",
            $"--Stratus:Dev:ConfigServerUrl={Trim(configServer)}",
            $"--Stratus:Dev:GatewayUrl={Trim(gateway)}",
            $"--Stratus:Dev:AuthServerUrl={Trim(authServer)}",
            .. extraArgs ?? [],
        ], workingDirectory: folder);
        return new DevProcess(process, folder, registry, configServer, gateway, authServer);
    }

    /// <summary>Starts <c>stratus dev</c> and waits until every part (but the auth server when left out) answers <c>/actuator/health</c>.</summary>
    public static async Task<DevProcess> StartAsync(string folder, IEnumerable<string>? extraArgs = null, bool withAuthServer = true, string? stratusDll = null)
    {
        var dev = Launch(folder, extraArgs, stratusDll: stratusDll);
        try
        {
            foreach (var part in withAuthServer ? dev.Parts : dev.Parts[..3])
            {
                await dev.Process.WaitHealthyAsync(part, "stratus dev", TimeSpan.FromSeconds(120));
            }

            return dev;
        }
        catch
        {
            await dev.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registry, config server, gateway, auth server.</summary>
    public Uri[] Parts => [Registry, ConfigServer, Gateway, AuthServer];

    /// <summary>Whether something accepts TCP connections on the URL's port.</summary>
    public static async Task<bool> ListensAsync(Uri url)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(url.Host, url.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }

    private static string Trim(Uri url) => url.ToString().TrimEnd('/');
}
