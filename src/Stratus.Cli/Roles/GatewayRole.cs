using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus gateway</c>: the API gateway on port 8080.</summary>
internal static class GatewayRole
{
    public const string Name = "gateway";

    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The role's application, not started; <paramref name="configure"/> adjusts the builder first (see <see cref="RoleHost.CreateBuilder"/>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, Name, configure: configure);

        // The gateway resolves lb:// routes through the registry; it registers itself only when told to.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new("Stratus:Discovery:Register", "false")] });
        builder.Services.AddStratusGateway(builder.Configuration);
        var app = builder.Build();
        app.MapStratusManagement();
        app.MapStratusGateway();
        RoleHost.AnnounceWhenStarted(app, Name);
        return app;
    }
}
