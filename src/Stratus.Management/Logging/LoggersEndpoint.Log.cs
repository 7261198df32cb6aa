using Microsoft.Extensions.Logging;

namespace Stratus.Management.Logging;

internal sealed partial class LoggersEndpoint
{
    /// <summary>Log messages of the loggers endpoint: ids 100-199 (an audit trail of runtime level changes).</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "LoggerLevelSet", Level = LogLevel.Information, Message = "Logger {Category} set to {Level} at runtime by {RemoteAddress}")]
        public static partial void LevelSet(ILogger logger, string category, LogLevel level, System.Net.IPAddress? remoteAddress);

        [LoggerMessage(EventId = 101, EventName = "LoggerLevelReset", Level = LogLevel.Information, Message = "Logger {Category} reset to its configured level at runtime by {RemoteAddress}")]
        public static partial void LevelReset(ILogger logger, string category, System.Net.IPAddress? remoteAddress);
    }
}
