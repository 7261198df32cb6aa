namespace Stratus.Eureka;

/// <summary>What happened to an instance, as reported in a delta (<c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>).</summary>
public enum ActionType
{
    /// <summary><c>ADDED</c>: registered (or registered again).</summary>
    Added,

    /// <summary><c>MODIFIED</c>: status or override changed.</summary>
    Modified,

    /// <summary><c>DELETED</c>: cancelled or evicted.</summary>
    Deleted,
}
