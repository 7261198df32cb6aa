namespace Stratus.Observability.Tests.Support;

/// <summary>
/// Tests that start traced hosts: OpenTelemetry's listeners, its default propagator and
/// <see cref="System.Diagnostics.DistributedContextPropagator.Current"/> are process-wide, so these run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTracingCollection
{
    public const string Name = "Global tracing state";
}
