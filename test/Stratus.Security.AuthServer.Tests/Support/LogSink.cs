using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stratus.Security.AuthServer.Tests.Support;

/// <summary>Keeps every log line of a server, at every level, with its exception, to check what is (and is not) logged.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Text)> _lines = new();

    public IReadOnlyList<(string Category, EventId Id, string Text)> Lines => _lines.ToArray();

    public string AllText => string.Join('\n', _lines.Select(l => l.Category + " " + l.Id + " " + l.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => p.Key + "=" + p.Value)) : "";
            sink._lines.Enqueue((category, eventId, formatter(state, exception) + " " + structured + " " + exception));
        }
    }
}
