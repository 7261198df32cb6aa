using Microsoft.Extensions.Logging;

namespace Stratus.Security.AuthServer.Storage;

internal sealed partial class StorePruning
{
    /// <summary>Storage block: event ids 3040-3059.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 3040, EventName = "StorePruned", Level = LogLevel.Debug,
            Message = "Pruned {Tokens} tokens and {Authorizations} authorizations")]
        public static partial void Pruned(ILogger logger, long tokens, long authorizations);

        [LoggerMessage(EventId = 3041, EventName = "StorePruneFailed", Level = LogLevel.Warning,
            Message = "Pruning expired tokens failed; it runs again in an hour")]
        public static partial void PruneFailed(ILogger logger, Exception exception);
    }
}
