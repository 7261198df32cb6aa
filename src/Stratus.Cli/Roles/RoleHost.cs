using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.Cli.Roles;

/// <summary>What every role shares: a slim web host, the default URL unless one is given, logs to stdout.</summary>
internal static partial class RoleHost
{
    private const string RequestLogCategory = "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// The role's builder: Kestrel on <paramref name="defaultUrl"/> unless <c>--urls</c> says otherwise, logs as ECS JSON
    /// lines on stdout (text in Development) with trace ids, OpenTelemetry tracing and metrics, and the actuator
    /// endpoints (<c>health</c> and <c>info</c> exposed, as Spring Boot exposes few by default; <c>prometheus</c> on request,
    /// since its reader costs a proxy about a tenth of its throughput; a role that answers its own Spring-shaped health
    /// leaves that one out). Every default sits under all configuration, so a file, variable or argument wins.
    /// <paramref name="configure"/> runs last, before the role adds its own services: <c>stratus dev</c> uses it to place
    /// a part on its URL and give it the dev defaults.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string defaultUrl, string role, bool ownHealth = false, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = "stratus" });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        // Hosting opens a log scope and starts an Activity for every request whenever its category is enabled at any
        // level, which costs a proxy about 6% of its throughput; tracing starts the Activity itself when it is on.
        List<KeyValuePair<string, string?>> defaults =
        [
            new(RequestLogCategory, "None"),
            new("spring:application:name", role),
            new("Stratus:Management:Exposure:Include", "health,info"),
        ];
        if (ownHealth)
        {
            defaults.Add(new("Stratus:Management:Exposure:Exclude", "health"));
        }

        // A server traces when it has somewhere to send the spans; otherwise trace headers pass through it untouched.
        var tracing = builder.Configuration.GetSection("Stratus:Observability:Tracing");
        if (string.IsNullOrEmpty(tracing["Zipkin:Endpoint"]) && string.IsNullOrEmpty(tracing["Otlp:Endpoint"]))
        {
            defaults.Add(new("Stratus:Observability:Tracing:Enabled", "false"));
        }

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddStratusObservability();
        builder.Services.AddStratusManagement(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Logs one line per address the role listens on, once Kestrel has bound them.</summary>
    public static void AnnounceWhenStarted(WebApplication app, string role)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Cli");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(logger, role, address);
            }
        });
    }

    [LoggerMessage(EventId = 1, EventName = "RoleListening", Level = LogLevel.Information, Message = "stratus {Role} listening on {Address}")]
    private static partial void LogListening(ILogger logger, string role, string address);
}
