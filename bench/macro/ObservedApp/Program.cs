// The observability benchmark's app. Modes (--mode):
//   plain     a minimal API: GET /hello, GET /static; no Stratus, no logging providers
//   stratus   the same endpoints after builder.AddStratus(): tracing (sampling from configuration), metrics, ECS JSON
//             logs on stdout, actuator (health, prometheus exposed); every request logs one line when --log-per-request
//   sink      a Zipkin-compatible collector: POST /api/v2/spans answers 202 and counts the spans' bytes
var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault() ?? "plain";
var builder = WebApplication.CreateSlimBuilder(args);
if (mode == "stratus")
{
    builder.AddStratus();
}
else
{
    builder.Logging.ClearProviders();
}

var app = builder.Build();
var logPerRequest = app.Configuration.GetValue<bool>("log-per-request");
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bench");
var staticBody = """{"status":"UP"}"""u8.ToArray();
long received = 0;
app.MapGet("/hello", () =>
{
    if (logPerRequest)
    {
        Log.Hello(logger);
    }

    return "Hello, World!";
});
app.MapGet("/static", (HttpContext context) =>
{
    context.Response.ContentType = "application/json";
    return context.Response.Body.WriteAsync(staticBody).AsTask();
});
app.MapPost("/api/v2/spans", async (HttpContext context) =>
{
    var buffer = new byte[16384];
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
    {
        Interlocked.Add(ref received, read);
    }

    context.Response.StatusCode = StatusCodes.Status202Accepted;
});
app.MapGet("/received", () => Interlocked.Read(ref received));
app.Run();

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "hello answered")]
    public static partial void Hello(ILogger logger);
}
