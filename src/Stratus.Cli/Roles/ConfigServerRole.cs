using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus config-server</c>: the Spring Cloud Config-compatible server on port 8888.</summary>
internal static class ConfigServerRole
{
    public const string DefaultUrl = "http://127.0.0.1:8888";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, "config-server", ownHealth: true);
        builder.Services.AddStratusConfigServer(builder.Configuration);
        await using var app = builder.Build();
        app.MapStratusConfigServer();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, "config-server");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
