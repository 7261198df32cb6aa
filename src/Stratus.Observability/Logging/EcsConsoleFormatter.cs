using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Stratus.Observability.Logging;

/// <summary>
/// One Elastic Common Schema JSON object per line, so Logstash and Elasticsearch ingest Stratus logs without a parser. The
/// built-in JSON formatter writes its own field names (<c>Timestamp</c>, <c>LogLevel</c>, <c>State</c>), hence this one.
/// Trace and span ids are read from <see cref="Activity.Current"/>: the console logger formats on the calling thread.
/// </summary>
internal sealed partial class EcsConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "stratus-ecs";

    /// <summary>The ECS version the field names follow.</summary>
    public const string EcsVersion = "8.11.0";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed: non-ASCII stays readable; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _reload;
    private EcsConsoleFormatterOptions _options;

    public EcsConsoleFormatter(IOptionsMonitor<EcsConsoleFormatterOptions> options, TimeProvider timeProvider)
        : base(FormatterName)
    {
        _timeProvider = timeProvider;
        _options = options.CurrentValue;
        _reload = options.OnChange(o => _options = o);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        try
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteEntry(writer, logEntry, scopeProvider);
            }
        }
#pragma warning disable CA1031 // A log call must never fail the caller, whatever the state's ToString does.
        catch (Exception e)
#pragma warning restore CA1031
        {
            buffer.ResetWrittenCount();
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            WriteFallback(writer, logEntry.Category, e);
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null; // one huge message should not pin its buffer to the thread for ever
        }
    }

    public void Dispose() => _reload?.Dispose();

    private void WriteEntry<TState>(Utf8JsonWriter writer, in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider)
    {
        var options = _options;
        var message = entry.Formatter(entry.State, entry.Exception);
        writer.WriteStartObject();
        writer.WriteString("@timestamp", _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("log.level", LevelName(entry.LogLevel));
        writer.WriteString("message", message);
        writer.WriteString("ecs.version", EcsVersion);
        writer.WriteString("log.logger", entry.Category);
        if (entry.EventId.Id != 0)
        {
            writer.WriteString("event.code", entry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (entry.EventId.Name is { } name)
        {
            writer.WriteString("event.action", name);
        }

        var labels = new Labels(writer);
        labels.AddState(entry.State);
        string? scopeTraceId = null;
        string? scopeSpanId = null;
        if (options.IncludeScopes && scopeProvider is not null)
        {
            scopeProvider.ForEachScope((scope, state) => state.AddScope(scope, ref scopeTraceId, ref scopeSpanId), labels);
        }

        var activity = Activity.Current;
        var traceId = activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : scopeTraceId;
        var spanId = activity is { IdFormat: ActivityIdFormat.W3C } ? activity.SpanId.ToHexString() : scopeSpanId;
        WriteIfPresent(writer, "trace.id", traceId);
        WriteIfPresent(writer, "span.id", spanId);
        WriteIfPresent(writer, "service.name", options.ServiceName);
        WriteIfPresent(writer, "service.node.name", options.ServiceNodeName);
        if (entry.Exception is { } exception)
        {
            writer.WriteString("error.type", exception.GetType().FullName);
            writer.WriteString("error.message", exception.Message);
            writer.WriteString("error.stack_trace", exception.ToString());
        }

        labels.Flush();
        writer.WriteEndObject();
    }

    private void WriteFallback(Utf8JsonWriter writer, string category, Exception failure)
    {
        // Reached when a value cannot be turned into text (a ToString that throws): the line still says that something was
        // logged, where, and why it is incomplete. Broken UTF-16 does not get here: the writer replaces it with U+FFFD.
        writer.WriteStartObject();
        writer.WriteString("@timestamp", _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("log.level", "Error");
        writer.WriteString("message", "A log entry could not be formatted.");
        writer.WriteString("ecs.version", EcsVersion);
        writer.WriteString("log.logger", category);
        writer.WriteString("error.type", failure.GetType().FullName);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => "None",
    };
}
