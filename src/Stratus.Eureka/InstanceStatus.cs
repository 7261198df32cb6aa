namespace Stratus.Eureka;

/// <summary>Status of a registered instance, as Eureka names it on the wire (<c>UP</c>, <c>DOWN</c>, ...).</summary>
public enum InstanceStatus
{
    /// <summary><c>UP</c>: ready to receive traffic.</summary>
    Up,

    /// <summary><c>DOWN</c>: failed its health check.</summary>
    Down,

    /// <summary><c>STARTING</c>: still initialising.</summary>
    Starting,

    /// <summary><c>OUT_OF_SERVICE</c>: taken out of rotation on purpose.</summary>
    OutOfService,

    /// <summary><c>UNKNOWN</c>: no status known (also the "no override" value of <c>overriddenStatus</c>).</summary>
    Unknown,
}
