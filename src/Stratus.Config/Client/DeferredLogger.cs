using Microsoft.Extensions.Logging;

namespace Stratus.Config.Client;

/// <summary>
/// The config client runs before logging exists: it logs here, and the entries are kept (the first 200) until the host
/// attaches its logger factory, then replayed in order with their structured state; later entries go straight through.
/// </summary>
internal sealed class DeferredLogger : ILogger
{
    private const int MaxKept = 200;
    private readonly Lock _gate = new();
    private readonly List<Action<ILogger>> _kept = [];
    private ILogger? _target;

    public void Attach(ILoggerFactory factory)
    {
        var target = factory.CreateLogger("Stratus.Config.ConfigClient");
        List<Action<ILogger>> replay;
        lock (_gate)
        {
            if (_target is not null)
            {
                return;
            }

            replay = [.. _kept];
            _kept.Clear();
            _target = target;
        }

        foreach (var entry in replay)
        {
            entry(target);
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _target?.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _target?.IsEnabled(logLevel) ?? logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_target is { } target)
        {
            target.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        lock (_gate)
        {
            if (_target is null)
            {
                if (_kept.Count < MaxKept)
                {
                    _kept.Add(logger => logger.Log(logLevel, eventId, state, exception, formatter));
                }

                return;
            }
        }

        _target.Log(logLevel, eventId, state, exception, formatter);
    }
}
