using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.Tests.Support;

/// <summary>Keeps every log entry of an application, so a test can wait for an event the code under test logs.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string EventName, string Message)> _entries = new();

    public IReadOnlyCollection<(string EventName, string Message)> Entries => _entries;

    public bool Contains(string eventName) => _entries.Any(e => e.EventName == eventName);

    public ILogger CreateLogger(string categoryName) => new Recorder(_entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<(string EventName, string Message)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Name ?? string.Empty, formatter(state, exception)));
    }
}
