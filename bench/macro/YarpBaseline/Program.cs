// The gateway benchmark's baseline: a minimal YARP app, one route (/{**catch-all}) to one destination, YARP's defaults.
// Usage: dotnet Stratus.Bench.YarpBaseline.dll --urls http://127.0.0.1:PORT --backend http://127.0.0.1:BACKEND
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var backend = builder.Configuration["backend"] ?? throw new InvalidOperationException("--backend <url> is required");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = backend } } }]);
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
