using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Security.AuthServer;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus auth-server</c>: the OAuth2/OpenID Connect authorisation server on port 9000.</summary>
internal static class AuthServerRole
{
    public const string Name = "auth-server";

    public const string DefaultUrl = "http://127.0.0.1:9000";

    public const string RotateKeysCommand = "rotate-keys";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == RotateKeysCommand)
        {
            return await RotateKeysAsync(args[1..]).ConfigureAwait(false);
        }

        await using var app = Build(args);
        var store = AuthServerAdministration.StoreReady(app.Services);
        await app.RunAsync().ConfigureAwait(false);
        if (store.Exception?.InnerException is { } failure)
        {
            await Console.Error.WriteLineAsync($"stratus auth-server: could not prepare the store ({failure.GetType().Name}: {failure.Message}); check Stratus:AuthServer:Database").ConfigureAwait(false);
            return CommandLine.ExitSoftware;
        }

        return 0;
    }

    /// <summary>The role's application, not started; <paramref name="configure"/> adjusts the builder first (see <see cref="RoleHost.CreateBuilder"/>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();
        app.UseStratusAuthServer();
        app.MapStratusAuthServer();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, Name);
        return app;
    }

    /// <summary>
    /// <c>stratus auth-server rotate-keys [options]</c>: an admin process with the server's configuration that retires
    /// the signing key and writes a new one in the database; running servers adopt it at their next key check.
    /// </summary>
    private static async Task<int> RotateKeysAsync(string[] args)
    {
        await using var app = CreateBuilder(args).Build();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var keyId = await AuthServerAdministration.RotateSigningKeyAsync(app.Services, stop.Token).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"stratus auth-server: new signing key {keyId}; running servers sign with it from their next key check").ConfigureAwait(false);
        return 0;
    }

    private static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, Name, configure: configure);

        // OpenIddict logs every request and EF Core every SQL command at Information: a line or more per token issued.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:OpenIddict", "Warning"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning")],
        });
        builder.Services.AddStratusAuthServer(builder.Configuration);

        // Registered in a registry when one is named, so resource servers can find it by service id (IssuerServiceId).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Stratus:Discovery:ServiceUrl"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["eureka:client:serviceUrl:defaultZone"]))
        {
            builder.Services.AddStratusDiscovery();
        }

        return builder;
    }
}
