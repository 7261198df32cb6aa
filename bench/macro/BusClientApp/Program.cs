// A plain ASP.NET Core service for the bus benchmark: builder.AddStratus() with whatever the command line configures
// (config client, bus), /greeting read through IOptionsMonitor, and /changed-at, the wall-clock time in Unix
// milliseconds at which the last IOptionsMonitor change listener ran.
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.AddStratus();
builder.Services.Configure<Shop>(builder.Configuration.GetSection("shop"));
var app = builder.Build();
long changedAt = 0;
app.Services.GetRequiredService<IOptionsMonitor<Shop>>().OnChange(_ => Interlocked.Exchange(ref changedAt, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));
app.MapGet("/greeting", (IOptionsMonitor<Shop> shop) => shop.CurrentValue.Greeting ?? string.Empty);
app.MapGet("/changed-at", () => Interlocked.Read(ref changedAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
app.Run();

internal sealed class Shop
{
    public string? Greeting { get; set; }
}
