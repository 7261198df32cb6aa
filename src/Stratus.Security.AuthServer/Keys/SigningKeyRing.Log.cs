using Microsoft.Extensions.Logging;

namespace Stratus.Security.AuthServer.Keys;

internal sealed partial class SigningKeyRing
{
    /// <summary>Keys block: event ids 3000-3019.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 3000, EventName = "SigningKeyCreated", Level = LogLevel.Information,
            Message = "New signing key {KeyId} ({Algorithm}) signs from now on; it replaces {PreviousKeyId}")]
        public static partial void KeyCreated(ILogger logger, string keyId, string algorithm, string? previousKeyId);

        [LoggerMessage(EventId = 3001, EventName = "SigningKeyRetired", Level = LogLevel.Information,
            Message = "Signing key {KeyId} is retired: published until {Until} so the tokens it signed stay valid")]
        public static partial void KeyRetired(ILogger logger, string keyId, DateTimeOffset until);

        [LoggerMessage(EventId = 3002, EventName = "SigningKeyDropped", Level = LogLevel.Information,
            Message = "Retired signing key {KeyId} is past its retention and no longer published")]
        public static partial void KeyDropped(ILogger logger, string keyId);

        [LoggerMessage(EventId = 3003, EventName = "KeyMaintenanceFailed", Level = LogLevel.Warning,
            Message = "Key maintenance failed; the current keys stay in force")]
        public static partial void MaintenanceFailed(ILogger logger, Exception exception);
    }
}
