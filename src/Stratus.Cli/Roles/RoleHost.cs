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

    public static WebApplicationBuilder CreateBuilder(string[] args, string defaultUrl)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = "stratus" });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        // Lowest precedence, so any file, variable or argument overrides it: no per-request log scope or request
        // Activity unless someone reads them. Hosting creates both whenever its category is enabled at any level,
        // which costs a proxy about 6% of its throughput; tracing, when on, creates the Activity itself.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new(RequestLogCategory, "None")] });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
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
