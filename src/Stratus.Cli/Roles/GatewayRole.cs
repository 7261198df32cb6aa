using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Cli.Roles;

/// <summary><c>stratus gateway</c>: the API gateway on port 8080.</summary>
internal static class GatewayRole
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, "gateway");

        // The gateway resolves lb:// routes through the registry; it registers itself only when told to.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new("Stratus:Discovery:Register", "false")] });
        builder.Services.AddStratusGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapStratusManagement();
        app.MapStratusGateway();
        RoleHost.AnnounceWhenStarted(app, "gateway");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
