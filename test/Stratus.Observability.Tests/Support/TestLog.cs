using Microsoft.Extensions.Logging;

namespace Stratus.Observability.Tests.Support;

/// <summary>The log lines the test services write.</summary>
public static partial class TestLog
{
    [LoggerMessage(EventId = 1, EventName = "ACallsB", Level = LogLevel.Information, Message = "A calls B")]
    public static partial void ACallsB(ILogger logger);

    [LoggerMessage(EventId = 2, EventName = "BHandles", Level = LogLevel.Information, Message = "B handles {Path}")]
    public static partial void BHandles(ILogger logger, string? path);

    [LoggerMessage(EventId = 42, EventName = "OrderFailed", Level = LogLevel.Warning, Message = "Order {OrderId} failed for {Customer}")]
    public static partial void OrderFailed(ILogger logger, int orderId, string customer, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plain {Value}")]
    public static partial void Plain(ILogger logger, object? value);
}
