using BenchmarkDotNet.Attributes;
using Stratus.Gateway.Definitions;
using Stratus.Gateway.Predicates;
using Stratus.Gateway.Routing;

namespace Stratus.Benchmarks.Gateway;

/// <summary>
/// The gateway's per-request routing cost that does not depend on the network: matching a request path against a
/// 20-route table (the work Stratus adds on top of YARP's forwarder). Token validation, shared with resource servers,
/// is measured in <c>Security/TokenValidationBenchmarks</c>.
/// </summary>
[MemoryDiagnoser]
public class RouteMatchBenchmarks
{
    private RouteTable _table = null!;
    private Microsoft.AspNetCore.Http.DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var weights = new WeightGroups();
        var routes = Enumerable.Range(0, 20).Select(i => new CompiledRoute(
            new RouteDefinition($"r{i}", "http://127.0.0.1:1", 0, [], [], new Dictionary<string, string>(), i),
            "http://127.0.0.1:1",
            false,
            [PredicateFactory.Create(PluginDefinition.ParseShortcut($"Path=/service{i}/**"), $"r{i}", weights)],
            [],
            null,
            null,
            null)).ToList();
        _table = new RouteTable(routes);
        _context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        _context.Request.Path = "/service19/orders/42";
    }

    [Benchmark(Description = "normalise the path and match the last of 20 Path routes")]
    public string? MatchRoute()
    {
        var path = PathNormalizer.Normalize(_context.Request.Path.Value, out _)!;
        return _table.Match(new GatewayExchange(_context, path, null, default))?.Id;
    }
}
