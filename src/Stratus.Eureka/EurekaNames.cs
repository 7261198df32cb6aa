using System.Diagnostics.CodeAnalysis;

namespace Stratus.Eureka;

/// <summary>Wire spellings of the Eureka enumerations and the Java class names the protocol carries.</summary>
public static class EurekaNames
{
    /// <summary><c>@class</c> of the default data center info.</summary>
    public const string DefaultDataCenterInfoClass = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo";

    /// <summary><c>@class</c> of <c>MyDataCenterInfo</c>, which older clients send.</summary>
    public const string MyDataCenterInfoClass = "com.netflix.appinfo.MyDataCenterInfo";

    /// <summary><c>@class</c> of Amazon data center info.</summary>
    public const string AmazonInfoClass = "com.netflix.appinfo.AmazonInfo";

    /// <summary><c>@class</c> that marks an empty metadata map.</summary>
    public const string EmptyMapClass = "java.util.Collections$EmptyMap";

    /// <summary>The wire name of a status, for example <c>OUT_OF_SERVICE</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The upper-case wire name.</returns>
    public static string ToWire(this InstanceStatus status) => status switch
    {
        InstanceStatus.Up => "UP",
        InstanceStatus.Down => "DOWN",
        InstanceStatus.Starting => "STARTING",
        InstanceStatus.OutOfService => "OUT_OF_SERVICE",
        _ => "UNKNOWN",
    };

    /// <summary>The wire name of an action type, for example <c>ADDED</c>.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The upper-case wire name.</returns>
    public static string ToWire(this ActionType action) => action switch
    {
        ActionType.Added => "ADDED",
        ActionType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    /// <summary>Parses a status wire name (case-insensitive).</summary>
    /// <param name="value">The text, for example <c>UP</c>.</param>
    /// <param name="status">The parsed status.</param>
    /// <returns><see langword="true"/> when the name is one of Eureka's five statuses.</returns>
    public static bool TryParseStatus(ReadOnlySpan<char> value, out InstanceStatus status)
    {
        if (value.Equals("UP", StringComparison.OrdinalIgnoreCase)) { status = InstanceStatus.Up; return true; }
        if (value.Equals("DOWN", StringComparison.OrdinalIgnoreCase)) { status = InstanceStatus.Down; return true; }
        if (value.Equals("STARTING", StringComparison.OrdinalIgnoreCase)) { status = InstanceStatus.Starting; return true; }
        if (value.Equals("OUT_OF_SERVICE", StringComparison.OrdinalIgnoreCase)) { status = InstanceStatus.OutOfService; return true; }
        if (value.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase)) { status = InstanceStatus.Unknown; return true; }
        status = InstanceStatus.Unknown;
        return false;
    }

    /// <summary>Parses an action type wire name (case-insensitive).</summary>
    /// <param name="value">The text, for example <c>ADDED</c>.</param>
    /// <param name="action">The parsed action.</param>
    /// <returns><see langword="true"/> when the name is one of Eureka's three actions.</returns>
    public static bool TryParseAction(ReadOnlySpan<char> value, [NotNullWhen(true)] out ActionType? action)
    {
        if (value.Equals("ADDED", StringComparison.OrdinalIgnoreCase)) { action = ActionType.Added; return true; }
        if (value.Equals("MODIFIED", StringComparison.OrdinalIgnoreCase)) { action = ActionType.Modified; return true; }
        if (value.Equals("DELETED", StringComparison.OrdinalIgnoreCase)) { action = ActionType.Deleted; return true; }
        action = null;
        return false;
    }
}
