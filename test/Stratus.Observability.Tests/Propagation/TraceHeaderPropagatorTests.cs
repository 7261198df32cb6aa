using Stratus.Observability.Propagation;

namespace Stratus.Observability.Tests.Propagation;

public sealed class TraceHeaderPropagatorTests
{
    private const string Trace = "0af7651916cd43dd8448eb211c80319c";
    private const string Span = "b7ad6b7169203331";
    private const string Parent = "00f067aa0ba902b7";

    private readonly TraceHeaderPropagator _propagator = new(InjectFormats.W3C | InjectFormats.B3Multi, deferredProbability: 1.0);

    [Theory]
    [InlineData($"traceparent: 00-{Trace}-{Span}-01", $"00-{Trace}-{Span}-01")]
    [InlineData($"traceparent: 00-{Trace}-{Span}-00", $"00-{Trace}-{Span}-00")]
    [InlineData($"traceparent: 00-{Trace}-{Span}-03", $"00-{Trace}-{Span}-01")]
    [InlineData($"traceparent: cc-{Trace}-{Span}-01-what-the-future-holds", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: {Trace}-{Span}-1", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: {Trace}-{Span}-0", $"00-{Trace}-{Span}-00")]
    [InlineData($"b3: {Trace}-{Span}-d", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: {Trace}-{Span}-1-{Parent}", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: {Trace}-{Span}", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: 463ac35c9f6413ad-{Span}-1", $"00-0000000000000000463ac35c9f6413ad-{Span}-01")]
    [InlineData($"b3: {"0AF7651916CD43DD8448EB211C80319C"}-{Span}-1", $"00-{Trace}-{Span}-01")]
    [InlineData($"X-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: 1", $"00-{Trace}-{Span}-01")]
    [InlineData($"X-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: true", $"00-{Trace}-{Span}-01")]
    [InlineData($"X-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: 0", $"00-{Trace}-{Span}-00")]
    [InlineData($"X-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: false", $"00-{Trace}-{Span}-00")]
    [InlineData($"X-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Flags: 1\nX-B3-Sampled: 0", $"00-{Trace}-{Span}-01")]
    [InlineData($"X-B3-TraceId: 463ac35c9f6413ad\nX-B3-SpanId: {Span}\nX-B3-ParentSpanId: {Parent}\nX-B3-Sampled: 1", $"00-0000000000000000463ac35c9f6413ad-{Span}-01")]
    [InlineData($"traceparent: 00-{Trace}-{Span}-01\nb3: 11111111111111111111111111111111-2222222222222222-0", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: {Trace}-{Span}-1\nX-B3-TraceId: 11111111111111111111111111111111\nX-B3-SpanId: 2222222222222222", $"00-{Trace}-{Span}-01")]
    [InlineData($"b3: not-b3-at-all\nX-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: 1", $"00-{Trace}-{Span}-01")]
    [InlineData($"traceparent: 00-{Trace}-0000000000000000-01\nX-B3-TraceId: {Trace}\nX-B3-SpanId: {Span}\nX-B3-Sampled: 1", $"00-{Trace}-{Span}-01")]
    public void Valid_headers_give_the_callers_context(string headers, string expected)
    {
        _propagator.ExtractTraceIdAndState(Headers.Parse(headers), Headers.Get, out var traceId, out _);

        Assert.Equal(expected, traceId);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "traceparent", "" },
        { "traceparent", "00-" },
        { "traceparent", $"00-{Trace}-{Span}-1" },
        { "traceparent", $"00-{Trace}-{Span}-011" },
        { "traceparent", $"00-{Trace}-{Span}-01-extra" },
        { "traceparent", $"00-{Trace.ToUpperInvariant()}-{Span}-01" },
        { "traceparent", $"00-00000000000000000000000000000000-{Span}-01" },
        { "traceparent", $"00-{Trace}-0000000000000000-01" },
        { "traceparent", $"ff-{Trace}-{Span}-01" },
        { "traceparent", $"0g-{Trace}-{Span}-01" },
        { "traceparent", $"00-{Trace}-{Span}-zz" },
        { "traceparent", $"00_{Trace}_{Span}_01" },
        { "traceparent", $"00-{Trace[..31]}x-{Span}-01" },
        { "traceparent", $"00-{Trace}-{Span}-01" + new string('-', 100_000) },
        { "traceparent", new string('0', 1_000_000) },
        { "traceparent", "00-０af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01" },
        { "b3", "" },
        { "b3", "garbage" },
        { "b3", "1" },
        { "b3", "d" },
        { "b3", $"{Trace}-{Span}-x" },
        { "b3", $"{Trace}-{Span}-1-zzzzzzzzzzzzzzzz" },
        { "b3", $"{Trace}-{Span}-1-{Parent}-extra" },
        { "b3", $"{Trace}--1" },
        { "b3", $"-{Span}-1" },
        { "b3", $"{Trace}0000-{Span}-1" },
        { "b3", $"{Trace[..20]}-{Span}-1" },
        { "b3", $"00000000000000000000000000000000-{Span}-1" },
        { "b3", $"{Trace}-0000000000000000-1" },
        { "b3", $"{Trace}-{Span}1-1" },
        { "b3", new string('a', 1_000_000) },
        { "b3", string.Join('-', Enumerable.Repeat(Span, 10_000)) },
        { "X-B3-TraceId", Trace },
        { "X-B3-SpanId", Span },
        { "X-B3-Sampled", "1" },
        { "X-B3-Flags", "1" },
        { "X-B3-TraceId", "xyz" },
        { "X-B3-TraceId", new string('f', 100_000) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Malformed_headers_are_ignored_and_a_new_trace_starts(string name, string value)
    {
        var headers = new Headers { [name] = value };
        if (name == "X-B3-TraceId" && value != Trace)
        {
            headers["X-B3-SpanId"] = Span;
        }

        _propagator.ExtractTraceIdAndState(headers, Headers.Get, out var traceId, out var traceState);

        Assert.Null(traceId);
        Assert.Null(traceState);
    }

    [Theory]
    [InlineData("b3: 0")]
    [InlineData("X-B3-Sampled: 0")]
    [InlineData("X-B3-Sampled: false")]
    public void Deny_only_headers_start_an_unsampled_trace(string headers)
    {
        _propagator.ExtractTraceIdAndState(Headers.Parse(headers), Headers.Get, out var first, out _);
        _propagator.ExtractTraceIdAndState(Headers.Parse(headers), Headers.Get, out var second, out _);

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Deferred_B3_sampling_follows_the_configured_probability()
    {
        var never = new TraceHeaderPropagator(InjectFormats.W3C, deferredProbability: 0.0);

        never.ExtractTraceIdAndState(new Headers { ["b3"] = $"{Trace}-{Span}" }, Headers.Get, out var traceId, out _);

        Assert.Equal($"00-{Trace}-{Span}-00", traceId);
    }

    [Fact]
    public void Null_carrier_and_getter_never_throw()
    {
        _propagator.ExtractTraceIdAndState(null, null, out var traceId, out _);
        Assert.Null(traceId);
        Assert.Null(_propagator.ExtractBaggage(null, null));
        _propagator.Inject(null, null, null);
    }
}
