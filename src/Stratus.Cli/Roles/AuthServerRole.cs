using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus auth-server</c>: the OAuth2/OpenID Connect authorisation server on port 9000.</summary>
internal static class AuthServerRole
{
    public const string DefaultUrl = "http://127.0.0.1:9000";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, "auth-server");

        // OpenIddict logs every request and EF Core every SQL command at Information: a line or more per token issued.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:OpenIddict", "Warning"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning")],
        });
        builder.Services.AddStratusAuthServer(builder.Configuration);
        await using var app = builder.Build();
        app.UseStratusAuthServer();
        app.MapStratusAuthServer();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, "auth-server");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
