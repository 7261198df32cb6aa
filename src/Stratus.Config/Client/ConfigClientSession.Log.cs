using Microsoft.Extensions.Logging;

namespace Stratus.Config.Client;

/// <content>Log messages of the config client: event ids 1200-1299.</content>
internal sealed partial class ConfigClientSession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, EventName = "ConfigLoaded", Level = LogLevel.Information,
            Message = "Loaded configuration of {Application} ({Profiles}) from {Server}: version {Version}, {Count} keys")]
        public static partial void Loaded(ILogger logger, string application, string profiles, string server, string? version, int count);

        [LoggerMessage(EventId = 1201, EventName = "ConfigAttemptFailed", Level = LogLevel.Warning,
            Message = "Config server attempt {Attempt} of {MaxAttempts} for {Application} failed: {Problem}; next try in {DelayMs} ms")]
        public static partial void AttemptFailed(ILogger logger, int attempt, int maxAttempts, string application, string problem, long delayMs);

        [LoggerMessage(EventId = 1202, EventName = "ConfigFailFast", Level = LogLevel.Critical,
            Message = "{Message}")]
        public static partial void FailFast(ILogger logger, string message);

        [LoggerMessage(EventId = 1203, EventName = "ConfigStartedFromDiskCache", Level = LogLevel.Warning,
            Message = "The config server could not be reached ({Problem}); starting on the last good configuration of {Application}, version {Version}, fetched at {FetchedAt:O}")]
        public static partial void StartedFromCache(ILogger logger, string problem, string application, string? version, DateTimeOffset fetchedAt);

        [LoggerMessage(EventId = 1204, EventName = "ConfigStartedLocalOnly", Level = LogLevel.Warning,
            Message = "The config server could not be reached ({Problem}) and no saved configuration of {Application} is usable; starting on local configuration only")]
        public static partial void StartedLocalOnly(ILogger logger, string problem, string application);

        [LoggerMessage(EventId = 1205, EventName = "ConfigCacheUnreadable", Level = LogLevel.Warning,
            Message = "The saved configuration {File} cannot be read: {Reason}")]
        public static partial void CacheUnreadable(ILogger logger, string file, string reason);

        [LoggerMessage(EventId = 1206, EventName = "ConfigCacheWriteFailed", Level = LogLevel.Warning,
            Message = "Could not save the configuration to {File}: {Reason}")]
        public static partial void CacheWriteFailed(ILogger logger, string file, string reason);

        [LoggerMessage(EventId = 1207, EventName = "ConfigChanged", Level = LogLevel.Information,
            Message = "Configuration of {Application} changed to version {Version}: {Count} keys differ")]
        public static partial void Changed(ILogger logger, string application, string? version, int count);

        [LoggerMessage(EventId = 1208, EventName = "ConfigWatchFailed", Level = LogLevel.Warning,
            Message = "Watching the config server for {Application} failed: {Problem}; current values stay, next try in {DelayMs} ms")]
        public static partial void WatchFailed(ILogger logger, string application, string problem, long delayMs);

        [LoggerMessage(EventId = 1209, EventName = "ConfigWatchRecovered", Level = LogLevel.Information,
            Message = "The config server answers again for {Application} ({Server})")]
        public static partial void WatchRecovered(ILogger logger, string application, string server);

        [LoggerMessage(EventId = 1210, EventName = "ConfigUndecryptable", Level = LogLevel.Warning,
            Message = "The {{cipher}} value of {Key} was not encrypted with the configured key; the key is left out")]
        public static partial void Undecryptable(ILogger logger, string key);

        [LoggerMessage(EventId = 1211, EventName = "ConfigLeftEncrypted", Level = LogLevel.Warning,
            Message = "{Count} values came as {{cipher}} and no Stratus:Config:Encrypt:Key (encrypt.key) is set; they are passed on encrypted, first: {Key}")]
        public static partial void LeftEncrypted(ILogger logger, int count, string key);

        [LoggerMessage(EventId = 1212, EventName = "ConfigPolling", Level = LogLevel.Information,
            Message = "The config server {Server} offers no watch; polling every {IntervalSeconds} s")]
        public static partial void Polling(ILogger logger, string server, double intervalSeconds);

        [LoggerMessage(EventId = 1213, EventName = "ConfigRefreshFailed", Level = LogLevel.Warning,
            Message = "Refresh of {Application} failed: {Problem}; current values stay")]
        public static partial void RefreshFailed(ILogger logger, string application, string problem);

        [LoggerMessage(EventId = 1214, EventName = "ConfigServerFound", Level = LogLevel.Information,
            Message = "Found the config server {ServiceId} in the registry: {Servers}")]
        public static partial void ServerFound(ILogger logger, string serviceId, string servers);

        [LoggerMessage(EventId = 1215, EventName = "ConfigServerNotFound", Level = LogLevel.Warning,
            Message = "Could not find the config server {ServiceId} in the registry: {Problem}")]
        public static partial void ServerNotFound(ILogger logger, string serviceId, string problem);
    }
}
