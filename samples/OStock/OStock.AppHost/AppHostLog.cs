using Microsoft.Extensions.Logging;

namespace OStock.AppHost;

/// <summary>What the app host logs besides Aspire's own lines (the dashboard's address among them).</summary>
internal static partial class AppHostLog
{
    [LoggerMessage(EventId = 1, EventName = "GatewayReady", Level = LogLevel.Information,
        Message = "OStock gateway ready at {GatewayUrl}: every call needs a token of ostock-client from the auth server (docs/aspire.md)")]
    public static partial void GatewayReady(ILogger logger, string gatewayUrl);
}
