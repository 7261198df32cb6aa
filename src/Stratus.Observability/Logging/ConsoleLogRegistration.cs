using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Stratus.Observability.Logging;

/// <summary>
/// Console logging in the chosen format. Other providers the app added stay; of the console formatters only the one in use
/// is selected (by name), none is removed.
/// </summary>
internal static class ConsoleLogRegistration
{
    public static void Add(IHostApplicationBuilder builder, ObservabilityLoggingOptions options, ServiceIdentity identity)
    {
        var format = options.Format is { } configured && LogFormat.IsKnown(configured)
            ? configured
            : builder.Environment.IsDevelopment() ? LogFormat.Text : LogFormat.Ecs;
        builder.Logging.AddConsole();
        builder.Logging.Configure(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (LogFormat.IsEcs(format))
        {
            // Registered before the formatter so that Logging:Console:FormatterOptions in configuration can still override.
            builder.Services.Configure<EcsConsoleFormatterOptions>(o =>
            {
                o.ServiceName = identity.ServiceName;
                o.ServiceNodeName = identity.InstanceId;
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
            });
            // What AddConsoleFormatter<,>() does, minus its reflection binding (not AOT-safe): the binding here is generated.
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, EcsConsoleFormatter>());
            builder.Services.Configure<EcsConsoleFormatterOptions>(builder.Configuration.GetSection("Logging:Console:FormatterOptions"));
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = EcsConsoleFormatter.FormatterName);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true; // the trace and span ids arrive as the activity tracking scope
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        }
    }
}
