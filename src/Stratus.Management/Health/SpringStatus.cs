using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Stratus.Management.Health;

/// <summary>
/// Spring's health statuses and how ASP.NET Core's map to them: Healthy is UP, Unhealthy is DOWN, and Degraded is UP
/// (the service still answers; the check's description shows as <c>details.error</c> with <c>details.degraded=true</c>).
/// A check may name its status itself with a data entry <c>status</c> of <c>UP</c>, <c>DOWN</c>, <c>OUT_OF_SERVICE</c>
/// or <c>UNKNOWN</c>; that entry wins and is not shown in details.
/// </summary>
internal static class SpringStatus
{
    public const string Up = "UP";
    public const string Down = "DOWN";
    public const string OutOfService = "OUT_OF_SERVICE";
    public const string Unknown = "UNKNOWN";
    public const string DataKey = "status";

    public static string From(HealthReportEntry entry)
    {
        if (entry.Data.TryGetValue(DataKey, out var named) && named is string text && Parse(text) is { } status)
        {
            return status;
        }

        return entry.Status == HealthStatus.Unhealthy ? Down : Up;
    }

    public static string? Parse(string text) =>
        text.ToUpperInvariant() switch
        {
            Up => Up,
            Down => Down,
            OutOfService => OutOfService,
            Unknown => Unknown,
            _ => null,
        };

    /// <summary>Spring's default order: DOWN, OUT_OF_SERVICE, UP, UNKNOWN. An empty set is UP.</summary>
    public static string Aggregate(IEnumerable<string> statuses)
    {
        var worst = -1;
        foreach (var status in statuses)
        {
            worst = Math.Max(worst, Severity(status));
        }

        return worst switch
        {
            3 => Down,
            2 => OutOfService,
            0 => Unknown,
            _ => Up,
        };
    }

    /// <summary>Spring's default mapping: 503 for DOWN and OUT_OF_SERVICE, 200 otherwise.</summary>
    public static int HttpStatus(string status) => status is Down or OutOfService ? 503 : 200;

    private static int Severity(string status) => status switch
    {
        Down => 3,
        OutOfService => 2,
        Up => 1,
        _ => 0,
    };
}
