using Microsoft.Extensions.Logging;

namespace Stratus.Management.Logging;

/// <summary>Spring's level names and Microsoft.Extensions.Logging's: FATAL is Critical, OFF is None.</summary>
internal static class SpringLevels
{
    public static readonly IReadOnlyList<string> Names = ["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"];

    public static string ToSpring(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => "OFF",
    };

    public static LogLevel? FromSpring(string name) => name.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        "OFF" => LogLevel.None,
        _ => null,
    };
}
