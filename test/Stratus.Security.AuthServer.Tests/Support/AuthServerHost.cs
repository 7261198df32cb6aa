using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer.Tests.Support;

/// <summary>
/// A real authorisation server on Kestrel, 127.0.0.1 on a free port, with its SQLite file in a folder of its own,
/// the test clients and users seeded from configuration, and every log line kept for inspection.
/// </summary>
public sealed class AuthServerHost : IAsyncDisposable
{
    public const string ClientId = "orders";
    public const string ClientSecret = "orders-secret-0123456789";
    public const string WebClientId = "web";
    public const string WebClientSecret = "web-secret-0123456789";
    public const string PublicClientId = "spa";
    public const string ResourceClientId = "orders-service";
    public const string ResourceClientSecret = "orders-service-secret-0123456789";
    public const string Username = "alice";
    public const string Password = "alice-password-1";

    private readonly WebApplication _app;
    private readonly string? _deleteOnDispose;

    private AuthServerHost(WebApplication app, Uri baseAddress, LogSink logs, string? deleteOnDispose)
    {
        _app = app;
        _deleteOnDispose = deleteOnDispose;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The issuer the server names: its base address (a root URL always ends with a slash).</summary>
    public string Issuer => BaseAddress.AbsoluteUri;

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public LogSink Logs { get; }

    /// <summary>A fresh folder for a server's database; a restart test passes the same one twice.</summary>
    public static string NewDataFolder() => Directory.CreateTempSubdirectory("stratus-auth-test-").FullName;

    /// <summary>The settings of the standard test clients, scopes and users.</summary>
    public static Dictionary<string, string?> TestSettings(string redirectUri) => new()
    {
        ["Stratus:AuthServer:RateLimits:TokenPermitLimit"] = "100000",
        ["Stratus:AuthServer:RateLimits:LoginPermitLimit"] = "100000",
        ["Stratus:AuthServer:Scopes:0:Name"] = "orders.read",
        ["Stratus:AuthServer:Scopes:0:Resources:0"] = "orders-service",
        ["Stratus:AuthServer:Scopes:1:Name"] = "orders.write",
        ["Stratus:AuthServer:Scopes:1:Resources:0"] = "orders-service",
        ["Stratus:AuthServer:Scopes:2:Name"] = "audit.read",
        ["Stratus:AuthServer:Scopes:2:Resources:0"] = "audit-service",
        ["Stratus:AuthServer:Scopes:3:Name"] = "plain",
        ["Stratus:AuthServer:Clients:0:ClientId"] = ClientId,
        ["Stratus:AuthServer:Clients:0:ClientSecret"] = ClientSecret,
        ["Stratus:AuthServer:Clients:0:Scopes:0"] = "orders.read",
        ["Stratus:AuthServer:Clients:0:Scopes:1"] = "orders.write",
        ["Stratus:AuthServer:Clients:0:Scopes:2"] = "audit.read",
        ["Stratus:AuthServer:Clients:0:Scopes:3"] = "plain",
        ["Stratus:AuthServer:Clients:1:ClientId"] = WebClientId,
        ["Stratus:AuthServer:Clients:1:ClientSecret"] = WebClientSecret,
        ["Stratus:AuthServer:Clients:1:GrantTypes:0"] = "authorization_code",
        ["Stratus:AuthServer:Clients:1:GrantTypes:1"] = "refresh_token",
        ["Stratus:AuthServer:Clients:1:RedirectUris:0"] = redirectUri,
        ["Stratus:AuthServer:Clients:1:Scopes:0"] = "openid",
        ["Stratus:AuthServer:Clients:1:Scopes:1"] = "profile",
        ["Stratus:AuthServer:Clients:1:Scopes:2"] = "roles",
        ["Stratus:AuthServer:Clients:1:Scopes:3"] = "orders.read",
        ["Stratus:AuthServer:Clients:2:ClientId"] = PublicClientId,
        ["Stratus:AuthServer:Clients:2:RedirectUris:0"] = redirectUri,
        ["Stratus:AuthServer:Clients:2:Scopes:0"] = "openid",
        ["Stratus:AuthServer:Clients:2:Scopes:1"] = "orders.read",
        ["Stratus:AuthServer:Clients:3:ClientId"] = ResourceClientId,
        ["Stratus:AuthServer:Clients:3:ClientSecret"] = ResourceClientSecret,
        ["Stratus:AuthServer:Users:0:Username"] = Username,
        ["Stratus:AuthServer:Users:0:Password"] = Password,
        ["Stratus:AuthServer:Users:0:Roles:0"] = "admin",
        ["Stratus:AuthServer:Users:0:Roles:1"] = "user",
    };

    public static async Task<AuthServerHost> StartAsync(
        string dataFolder,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Production",
        bool keepData = false,
        bool waitUntilReady = true)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = dataFolder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogSink();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddStratusAuthServer(builder.Configuration);
        var app = builder.Build();
        app.UseStratusAuthServer();
        app.MapStratusAuthServer();
        await app.StartAsync(TestContext.Current.CancellationToken);
        if (waitUntilReady)
        {
            // The server listens at once and prepares its store in the background; most tests read the store directly.
            await app.Services.GetRequiredService<StoreReadiness>().Ready.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AuthServerHost(app, new Uri(address.TrimEnd('/') + "/"), logs, keepData ? null : dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_deleteOnDispose is not null)
        {
            // Pooled SQLite connections keep the file open until the pool lets go of them.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_deleteOnDispose, recursive: true);
        }
    }
}
