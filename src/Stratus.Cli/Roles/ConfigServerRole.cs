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
    public const string DefaultUrl = "http://127.0.0.1:8888";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = RoleHost.CreateBuilder(args, DefaultUrl, "config-server", ownHealth: true);
        builder.Services.AddStratusConfigServer(builder.Configuration);
        if (BusBinderChoice.From(builder.Configuration) is { } binder)
        {
            var messaging = builder.AddStratusBus();
            _ = binder == BusBinderKind.Kafka ? messaging.AddKafkaBinder(builder.Configuration) : messaging.AddRabbitMqBinder(builder.Configuration);
        }

        await using var app = builder.Build();
        app.MapStratusConfigServer();
        app.MapStratusManagement();
        RoleHost.AnnounceWhenStarted(app, "config-server");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
