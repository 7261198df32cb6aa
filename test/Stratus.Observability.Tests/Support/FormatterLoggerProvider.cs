using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Stratus.Observability.Tests.Support;

/// <summary>
/// Runs a console formatter as the console logger does (on the calling thread, with the external scope provider), but into
/// a list instead of stdout, which is process-wide.
/// </summary>
public sealed class FormatterLoggerProvider(ConsoleFormatter formatter, List<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new FormatterLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        using var writer = new StringWriter();
        formatter.Write(entry, _scopes, writer);
        lock (lines)
        {
            lines.Add(writer.ToString().TrimEnd('\n'));
        }
    }

    private sealed class FormatterLogger(FormatterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
    }
}
