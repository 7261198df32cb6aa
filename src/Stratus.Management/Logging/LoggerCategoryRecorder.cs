using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stratus.Management.Logging;

/// <summary>
/// A logger provider that writes nothing and remembers every category a logger was created for, so the
/// <c>loggers</c> endpoint can list the categories in use (Spring lists the loggers Logback has created).
/// </summary>
internal sealed class LoggerCategoryRecorder : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, byte> _categories = new(StringComparer.Ordinal);

    public ICollection<string> Categories => _categories.Keys;

    public ILogger CreateLogger(string categoryName)
    {
        _categories.TryAdd(categoryName, 0);
        return NullLogger.Instance;
    }

    public void Dispose()
    {
    }
}
