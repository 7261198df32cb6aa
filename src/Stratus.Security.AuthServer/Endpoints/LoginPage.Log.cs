using Microsoft.Extensions.Logging;

namespace Stratus.Security.AuthServer.Endpoints;

internal static partial class LoginPage
{
    /// <summary>Login block: event ids 3020-3039. The password is never a hole in any message.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 3020, EventName = "LoginFailed", Level = LogLevel.Warning,
            Message = "Failed login for user name '{Username}' from {RemoteAddress}")]
        public static partial void LoginFailed(ILogger logger, string username, string remoteAddress);
    }
}
