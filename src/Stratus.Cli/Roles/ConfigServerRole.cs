using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Bus;

namespace Stratus.Cli.Roles;

/// <summary>
/// <c>stratus config-server</c>: the Spring Cloud Config-compatible server on port 8888; with <c>Stratus:Bus:Enabled</c>
/// and a binder configured, it also publishes a Spring Cloud Bus refresh event for each application a change concerns.
/// </summary>
internal static class ConfigServerRole
{
    public const string Name = "config-server";

    public const string DefaultUrl = "http://127.0.0.1:8888";

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
        builder.Services.AddStratusConfigServer(builder.Configuration);
        if (BusBinderChoice.From(builder.Configuration) is { } binder)
        {
            var messaging = builder.AddStratusBus();
            _ = binder == BusBinderKind.Kafka ? messaging.AddKafkaBinder(builder.Configuration) : messaging.AddRabbitMqBinder(builder.Configuration);
        }

        var app = builder.Build();
        app.MapStratusConfigServer();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, Name);
        return app;
    }
}
