using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Stratus.Observability.Propagation;

/// <summary>
/// The same W3C and B3 rules for OpenTelemetry's <see cref="Propagators.DefaultTextMapPropagator"/>. The ASP.NET Core
/// instrumentation extracts with it as well and starts a sibling span when its answer differs from hosting's, so both must agree.
/// </summary>
internal sealed class OpenTelemetryTraceHeaderPropagator(InjectFormats formats, double deferredProbability) : TextMapPropagator
{
    private static readonly HashSet<string> FieldSet = new(HeaderNames.All, StringComparer.OrdinalIgnoreCase);

    public override ISet<string> Fields => FieldSet;

    public override PropagationContext Extract<T>(PropagationContext context, T carrier, Func<T, string, IEnumerable<string>?> getter)
    {
        if (context.ActivityContext != default || getter is null)
        {
            return context;
        }

        var reader = new FuncReader<T>(carrier, getter);
        var result = TraceHeaderExtractor.Extract(reader, deferredProbability);
        var baggage = BaggageFormat.Parse(reader.Get(HeaderNames.Baggage));
        var items = baggage?.Where(b => b.Value is not null).GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value!, StringComparer.Ordinal);
        return new PropagationContext(result.HasParent ? result.Parent : default, items is null ? context.Baggage : Baggage.Create(items));
    }

    public override void Inject<T>(PropagationContext context, T carrier, Action<T, string, string> setter)
    {
        if (setter is null)
        {
            return;
        }

        var parent = Activity.Current is { } current && current.SpanId == context.ActivityContext.SpanId ? current.ParentSpanId : default;
        IEnumerable<KeyValuePair<string, string?>> baggage = context.Baggage.GetBaggage().Select(b => new KeyValuePair<string, string?>(b.Key, b.Value));
        TraceHeaderInjector.Inject(new ActionWriter<T>(carrier, setter), formats, context.ActivityContext, parent, baggage);
    }

    private readonly struct FuncReader<T>(T carrier, Func<T, string, IEnumerable<string>?> getter) : IHeaderReader
    {
        public string? Get(string name) => getter(carrier, name) is { } values ? JoinOrNull(values) : null;

        private static string? JoinOrNull(IEnumerable<string> values)
        {
            var joined = string.Join(',', values);
            return joined.Length == 0 ? null : joined;
        }
    }

    private readonly struct ActionWriter<T>(T carrier, Action<T, string, string> setter) : IHeaderWriter
    {
        public void Set(string name, string value) => setter(carrier, name, value);
    }
}
