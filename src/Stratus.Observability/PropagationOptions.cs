namespace Stratus.Observability;

/// <summary>Trace header propagation, bound from <c>Stratus:Observability:Tracing:Propagation</c>.</summary>
public sealed class PropagationOptions
{
    /// <summary>
    /// Comma-separated header formats written on outgoing calls: <c>w3c</c> (<c>traceparent</c>, <c>tracestate</c>, <c>baggage</c>),
    /// <c>b3multi</c> (<c>X-B3-*</c>), <c>b3</c> (single <c>b3</c> header). Default <c>w3c,b3multi</c>. Incoming requests are
    /// always read in every format. Spring: <c>management.tracing.propagation.produce</c>.
    /// </summary>
    public string Inject { get; set; } = "w3c,b3multi";
}
