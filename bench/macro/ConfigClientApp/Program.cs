// A plain ASP.NET Core service for the config client benchmarks: the same app with and without the config client
// (--with-config-client) or with only a plain HttpClient GET of a URL at the same point (--plain-get=URL, the floor of
// any remote configuration fetch in a cold process), /ping for start-up timing, /greeting read through IOptionsMonitor, and /changed-at, the
// wall-clock time in Unix milliseconds at which the last IOptionsMonitor change listener ran.
using Microsoft.Extensions.Options;

var withClient = args.Contains("--with-config-client");
var plainGet = args.FirstOrDefault(a => a.StartsWith("--plain-get=", StringComparison.Ordinal))?["--plain-get=".Length..];
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--with-config-client" && !a.StartsWith("--plain-get=", StringComparison.Ordinal)).ToArray());
builder.Logging.ClearProviders();
if (withClient)
{
    builder.AddStratusConfigClient();
}
else if (plainGet is not null)
{
    using var http = new HttpClient();
    using var answer = await http.GetAsync(new Uri(plainGet));
    answer.EnsureSuccessStatusCode();
}

builder.Services.Configure<Shop>(builder.Configuration.GetSection("shop"));
var app = builder.Build();
long changedAt = 0;
app.Services.GetRequiredService<IOptionsMonitor<Shop>>().OnChange(_ => Interlocked.Exchange(ref changedAt, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));
app.MapGet("/ping", () => "pong");
app.MapGet("/greeting", (IOptionsMonitor<Shop> shop) => shop.CurrentValue.Greeting ?? string.Empty);
app.MapGet("/changed-at", () => Interlocked.Read(ref changedAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
app.Run();

internal sealed class Shop
{
    public string? Greeting { get; set; }
}
