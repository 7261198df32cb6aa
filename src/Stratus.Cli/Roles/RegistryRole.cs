using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus registry</c>: the Eureka-compatible registry on port 8761.</summary>
internal static class RegistryRole
{
    public const string DefaultUrl = "http://127.0.0.1:8761";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, "registry", ownHealth: true);
        builder.Services.AddStratusRegistry(builder.Configuration);
        await using var app = builder.Build();
        app.MapStratusRegistry();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, "registry");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
