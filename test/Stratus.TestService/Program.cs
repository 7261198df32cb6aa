using Stratus.Discovery;

// A test service: answers who it is, counts what it was sent, and can call another service by name.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Services.AddStratusDiscovery();
builder.Services.AddHttpClient("callee", client => client.BaseAddress = new Uri("http://" + (builder.Configuration["Callee"] ?? "callee") + "/"))
    .AddStratusLoadBalancing();

var app = builder.Build();
var name = app.Configuration["InstanceName"] ?? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
var posts = 0;
app.MapGet("/whoami", () => name);
app.MapGet("/slow", async (int ms) => { await Task.Delay(ms); return name; });
app.MapPost("/fail", () => { Interlocked.Increment(ref posts); return Results.StatusCode(503); });
app.MapGet("/fail", () => { Interlocked.Increment(ref posts); return Results.StatusCode(503); });
app.MapGet("/count", () => posts);
app.MapGet("/call", async (IHttpClientFactory clients, string path) => await clients.CreateClient("callee").GetStringAsync(path.TrimStart('/')));
app.MapGet("/registration", (IDiscoveryRegistration registration) => registration.Instance is { } i ? $"{i.InstanceId} {i.Status}" : "none");
app.Run();
