using System.Diagnostics;
using Stratus.Observability.Propagation;

namespace Stratus.Observability.Tests.Propagation;

public sealed class TraceStateAndBaggageTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private readonly TraceHeaderPropagator _propagator = new(InjectFormats.W3C | InjectFormats.B3Multi, deferredProbability: 1.0);

    [Theory]
    [InlineData("congo=t61rcWkgMzE", "congo=t61rcWkgMzE")]
    [InlineData("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")]
    [InlineData("tenant@vendor=x,,a=b", "tenant@vendor=x,a=b")]
    [InlineData("UPPER=x", null)]
    [InlineData("a=b,a=c", null)]
    [InlineData("novalue", null)]
    [InlineData("a=b=c", null)]
    [InlineData("a=\u0001", null)]
    public void Tracestate_is_kept_only_when_well_formed(string tracestate, string? expected)
    {
        var headers = new Headers { ["traceparent"] = TraceParent, ["tracestate"] = tracestate };

        _propagator.ExtractTraceIdAndState(headers, Headers.Get, out var traceId, out var traceState);

        Assert.Equal(TraceParent, traceId);
        Assert.Equal(expected, traceState);
    }

    [Fact]
    public void Tracestate_with_more_than_32_members_is_dropped()
    {
        var headers = new Headers { ["traceparent"] = TraceParent, ["tracestate"] = string.Join(',', Enumerable.Range(0, 33).Select(i => $"k{i}=v")) };

        _propagator.ExtractTraceIdAndState(headers, Headers.Get, out _, out var traceState);

        Assert.Null(traceState);
    }

    [Fact]
    public void Tracestate_over_512_characters_loses_long_members_first_then_the_last_ones()
    {
        var longMember = "long=" + new string('x', 200);
        var members = new List<string> { "first=1", longMember };
        members.AddRange(Enumerable.Range(0, 30).Select(i => $"k{i:00}=" + new string('v', 20)));
        var headers = new Headers { ["traceparent"] = TraceParent, ["tracestate"] = string.Join(',', members) };

        _propagator.ExtractTraceIdAndState(headers, Headers.Get, out _, out var traceState);

        Assert.NotNull(traceState);
        Assert.InRange(traceState.Length, 1, 512);
        Assert.DoesNotContain("long=", traceState, StringComparison.Ordinal);
        Assert.StartsWith("first=1,k00=", traceState, StringComparison.Ordinal);
        Assert.DoesNotContain("k29=", traceState, StringComparison.Ordinal);
    }

    [Fact]
    public void Baggage_is_read_within_W3C_limits()
    {
        var many = string.Join(',', Enumerable.Range(0, 500).Select(i => $"k{i}=v{i}"));
        var huge = "big=" + new string('x', 100_000) + ",after=1";

        Assert.Equal(180, _propagator.ExtractBaggage(new Headers { ["baggage"] = many }, Headers.Get)!.Count());
        Assert.Null(_propagator.ExtractBaggage(new Headers { ["baggage"] = huge }, Headers.Get));
        var parsed = _propagator.ExtractBaggage(new Headers { ["baggage"] = "user=alice%20b;prop=1, bad key=x,=novalue,ok=1,broken=%zz\"" }, Headers.Get)!.ToList();
        Assert.Equal([new("user", "alice b"), new("ok", "1")], parsed);
    }

    [Fact]
    public void Oversized_baggage_is_never_injected_whole()
    {
        using var activity = new Activity("call").SetIdFormat(ActivityIdFormat.W3C).Start();
        for (var i = 0; i < 300; i++)
        {
            activity.AddBaggage($"key{i}", new string('v', 100));
        }

        var headers = new Headers();
        _propagator.Inject(activity, headers, Headers.Set);

        Assert.InRange(headers["baggage"].Length, 1, 8192);
        Assert.InRange(headers["baggage"].Split(',').Length, 1, 180);
    }

    [Fact]
    public void Injection_writes_W3C_and_B3_of_the_current_span()
    {
        using var parent = new Activity("parent").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var child = new Activity("child").SetIdFormat(ActivityIdFormat.W3C).Start();
        child.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        child.TraceStateString = "congo=t61rcWkgMzE";

        var headers = new Headers();
        _propagator.Inject(child, headers, Headers.Set);

        var trace = child.TraceId.ToHexString();
        var span = child.SpanId.ToHexString();
        Assert.Equal($"00-{trace}-{span}-01", headers["traceparent"]);
        Assert.Equal("congo=t61rcWkgMzE", headers["tracestate"]);
        Assert.Equal(trace, headers["X-B3-TraceId"]);
        Assert.Equal(span, headers["X-B3-SpanId"]);
        Assert.Equal(parent.SpanId.ToHexString(), headers["X-B3-ParentSpanId"]);
        Assert.Equal("1", headers["X-B3-Sampled"]);
        Assert.False(headers.ContainsKey("b3"));
    }

    [Fact]
    public void Single_header_injection_and_64_bit_trace_ids_round_trip()
    {
        var single = new TraceHeaderPropagator(InjectFormats.B3Single, deferredProbability: 1.0);
        single.ExtractTraceIdAndState(new Headers { ["b3"] = "463ac35c9f6413ad-b7ad6b7169203331-0" }, Headers.Get, out var parentId, out _);
        using var activity = new Activity("server").SetParentId(parentId!).Start();

        var headers = new Headers();
        single.Inject(activity, headers, Headers.Set);

        Assert.Equal($"463ac35c9f6413ad-{activity.SpanId.ToHexString()}-0", headers["b3"]);
        Assert.Single(headers);
    }
}
