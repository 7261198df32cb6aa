using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus registry</c>: the Eureka-compatible registry on port 8761.</summary>
internal static class RegistryRole
{
    public const string Name = "registry";

    public const string DefaultUrl = "http://127.0.0.1:8761";

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The role's application, not started; <paramref name="configure"/> adjusts the builder first (see <see cref="RoleHost.CreateBuilder"/>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, Name, ownHealth: true, configure);
        builder.Services.AddStratusRegistry(builder.Configuration);
        var app = builder.Build();
        app.MapStratusRegistry();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, Name);
        return app;
    }
}
