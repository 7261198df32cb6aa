using Microsoft.Extensions.Logging;

namespace Stratus.ConfigServer.Repositories.Git;

internal sealed partial class GitStore
{
    [LoggerMessage(EventId = 1100, EventName = "GitRefsChanged", Level = LogLevel.Information,
        Message = "Git repository {Uri} now has {Branches} branches and {Tags} tags at new commits")]
    private static partial void LogRefsChanged(ILogger logger, string uri, int branches, int tags);

    [LoggerMessage(EventId = 1101, EventName = "GitFetchFailed", Level = LogLevel.Warning,
        Message = "Could not refresh Git repository {Uri}; still serving the last fetched revision: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string uri, string reason);
}
