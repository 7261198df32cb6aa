using Microsoft.Extensions.Options;

namespace Stratus.Observability;

/// <summary>Settings of tracing, metrics and logs, bound from <c>Stratus:Observability</c>.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>Configuration section: <c>Stratus:Observability</c>.</summary>
    public const string SectionName = "Stratus:Observability";

    /// <summary>
    /// The service name in spans, metrics and logs. Default: <c>spring:application:name</c>, else <c>Stratus:Discovery:AppName</c>,
    /// else the host's application name.
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>
    /// The instance id (<c>service.instance.id</c>, ECS <c>service.node.name</c>). Default: <c>Stratus:Discovery:InstanceId</c>,
    /// else <c>{machine}:{service}:{process id}</c>.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>Distributed tracing.</summary>
    [ValidateObjectMembers]
    public TracingOptions Tracing { get; } = new();

    /// <summary>Metrics.</summary>
    public ObservabilityMetricsOptions Metrics { get; } = new();

    /// <summary>Console log format.</summary>
    public ObservabilityLoggingOptions Logging { get; } = new();
}
