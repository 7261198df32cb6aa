using System.Security.Claims;
using Stratus.Discovery;

// A test service: answers who it is, counts what it was sent, and can call another service by name. Everything
// Stratus gives it (discovery, load balancing, tracing, JSON logs, actuator) comes from AddStratus and configuration.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddStratus();
builder.Services.AddHttpClient("callee", client => client.BaseAddress = new Uri("http://" + (builder.Configuration["Callee"] ?? "callee") + "/"))
    .AddStratusTokenRelay();

var app = builder.Build();
var secured = app.Services.GetStratusFeatures().ResourceServer;
var name = app.Configuration["InstanceName"] ?? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
var posts = 0;
app.MapGet("/whoami", (ILogger<Program> logger) =>
{
    Log.Answered(logger, name);
    return name;
});
app.MapGet("/slow", async (int ms) => { await Task.Delay(ms); return name; });
app.MapPost("/fail", () => { Interlocked.Increment(ref posts); return Results.StatusCode(503); });
app.MapGet("/fail", () => { Interlocked.Increment(ref posts); return Results.StatusCode(503); });
app.MapGet("/count", () => posts);
app.MapGet("/call", async (IHttpClientFactory clients, ILogger<Program> logger, string path) =>
{
    Log.Calling(logger, path);
    return await clients.CreateClient("callee").GetStringAsync(path.TrimStart('/'));
});
if (secured)
{
    // A resource server when AddStratus turned one on (an issuer configured): who called, with which client.
    app.MapGet("/secure", (ClaimsPrincipal user) =>
            $"{name} {user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value} {user.FindFirst("client_id")?.Value}")
        .RequireScope("licenses.read");
}

app.MapGet("/registration", (IDiscoveryRegistration registration) => registration.Instance is { } i ? $"{i.InstanceId} {i.Status}" : "none");
app.Run();

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "whoami answered by {Instance}")]
    public static partial void Answered(ILogger logger, string instance);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "calling {Path} on the callee")]
    public static partial void Calling(ILogger logger, string path);
}
