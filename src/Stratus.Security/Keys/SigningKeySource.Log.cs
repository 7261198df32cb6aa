using Microsoft.Extensions.Logging;

namespace Stratus.Security.Keys;

internal sealed partial class SigningKeySource
{
    /// <summary>Keys block: event ids 3100-3119.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, EventName = "SigningKeysFetched", Level = LogLevel.Debug,
            Message = "Fetched {Count} signing keys for scheme {Scheme}")]
        public static partial void KeysFetched(ILogger logger, string scheme, int count);

        [LoggerMessage(EventId = 3101, EventName = "SigningKeySetChanged", Level = LogLevel.Information,
            Message = "The issuer's key set changed for scheme {Scheme} ({Count} keys now); remembered tokens are forgotten")]
        public static partial void KeySetChanged(ILogger logger, string scheme, int count);

        [LoggerMessage(EventId = 3102, EventName = "SigningKeysFetchFailed", Level = LogLevel.Warning,
            Message = "Could not fetch the signing keys for scheme {Scheme}: {Reason} (keeping the last good keys: {KeptLastGood})")]
        public static partial void KeysFetchFailed(ILogger logger, string scheme, string reason, bool keptLastGood);
    }
}
