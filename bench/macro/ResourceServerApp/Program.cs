// GET /open answers without authentication; GET /secure is the same endpoint behind the Stratus resource server
// (bearer JWT validated against Stratus:Security:ResourceServer, scope bench.read required).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddStratusResourceServer(builder.Configuration);
var app = builder.Build();
app.MapGet("/open", () => "hello");
app.MapGet("/secure", () => "hello").RequireScope("bench.read");
app.Run();
