using Microsoft.Extensions.Logging;

namespace Stratus.Cli.Roles;

internal static partial class DevRole
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 20, EventName = "DevPartStarted", Level = LogLevel.Debug, Message = "stratus dev: {Part} built in {BuildMilliseconds} ms, started in {StartMilliseconds} ms")]
        public static partial void PartStarted(ILogger logger, string part, long buildMilliseconds, long startMilliseconds);
    }
}
