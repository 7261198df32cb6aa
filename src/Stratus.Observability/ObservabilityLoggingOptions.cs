namespace Stratus.Observability;

/// <summary>Console log settings, bound from <c>Stratus:Observability:Logging</c>.</summary>
public sealed class ObservabilityLoggingOptions
{
    /// <summary>
    /// <c>ecs</c> (one Elastic Common Schema JSON object per line) or <c>text</c> (the single-line simple console format with
    /// trace ids). Default <c>text</c> in the Development environment, <c>ecs</c> elsewhere.
    /// </summary>
    public string? Format { get; set; }
}
