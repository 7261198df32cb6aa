// The baseline the registry and config server are measured against: same host builder, same route shapes, no work.
// Usage: dotnet Stratus.Bench.Baseline.dll --urls http://127.0.0.1:PORT --static <file>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var file = app.Configuration["static"] ?? throw new InvalidOperationException("--static <file> is required");
var bytes = await File.ReadAllBytesAsync(file);
var gzipped = Gzip(bytes);

app.MapPut("/eureka/apps/{app}/{id}", (HttpContext context) =>
{
    context.Response.StatusCode = StatusCodes.Status200OK;
    return Task.CompletedTask;
});
app.MapGet("/eureka/apps", async (HttpContext context) =>
{
    var gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
    var body = gzip ? gzipped : bytes;
    context.Response.ContentType = "application/json";
    if (gzip)
    {
        context.Response.Headers.ContentEncoding = "gzip";
    }

    context.Response.ContentLength = body.Length;
    await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted);
});

// Any other GET answers the static bytes as JSON (the config server benchmark's baseline).
app.MapGet("/{**path}", async (HttpContext context) =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = bytes.Length;
    await context.Response.BodyWriter.WriteAsync(bytes, context.RequestAborted);
});

await app.RunAsync();

static byte[] Gzip(byte[] raw)
{
    using var output = new MemoryStream();
    using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
    {
        gzip.Write(raw);
    }

    return output.ToArray();
}
