using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using System.Net;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Metrics;

public sealed class MetricsTests
{
    private static Dictionary<string, string?> Settings(string meter) => new()
    {
        ["Stratus:Management:Exposure:Include"] = "metrics,prometheus",
        ["Stratus:Management:Metrics:Meters:0"] = meter,
    };

    [Theory]
    [InlineData("health,info", false)]
    [InlineData("health,info,prometheus", true)]
    [InlineData("metrics", true)]
    public void A_metric_reader_exists_only_when_metrics_or_prometheus_is_exposed(string include, bool expected)
    {
        // Each reader aggregates every measurement it sees, so an unexposed endpoint must not cost the service one.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Stratus:Management:Exposure:Include"] = include }).Build();
        var services = new ServiceCollection();
        services.AddStratusManagement(configuration);
        using var provider = services.BuildServiceProvider();
        var meterProvider = provider.GetService<OpenTelemetry.Metrics.MeterProvider>();
        Assert.Equal(expected, meterProvider is not null);
    }

    [Fact]
    public async Task A_counter_is_listed_and_read_by_name_with_its_tags()
    {
        var meterName = "Test.Metrics." + Guid.NewGuid().ToString("N");
        await using var host = await ManagementHost.StartAsync(Settings(meterName + "*"));
        using var meter = new Meter(meterName + ".Orders");
        var orders = meter.CreateCounter<long>("orders.placed", unit: "{order}", description: "Orders placed");
        var sizes = meter.CreateHistogram<double>("orders.size", unit: "By");
        orders.Add(2, new KeyValuePair<string, object?>("region", "eu"));
        orders.Add(3, new KeyValuePair<string, object?>("region", "us"), new KeyValuePair<string, object?>("channel", "web"));
        sizes.Record(10);
        sizes.Record(30);

        var names = await host.GetStringAsync("actuator/metrics");
        var again = await host.GetStringAsync("actuator/metrics");
        Assert.Equal(names, again);
        var all = await host.GetStringAsync("actuator/metrics/orders.placed");
        var eu = await host.GetStringAsync("actuator/metrics/orders.placed?tag=region:eu");
        var size = await host.GetStringAsync("actuator/metrics/orders.size");

        Assert.Equal("{\"names\":[\"orders.placed\",\"orders.size\"]}", names);
        Golden.Match("metrics-counter", all);
        Assert.Equal("{\"name\":\"orders.placed\",\"description\":\"Orders placed\",\"baseUnit\":\"{order}\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":2}],\"availableTags\":[]}", eu);
        Assert.Equal("{\"name\":\"orders.size\",\"baseUnit\":\"By\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":2},{\"statistic\":\"TOTAL\",\"value\":40},{\"statistic\":\"MAX\",\"value\":30}],\"availableTags\":[]}", size);
    }

    [Theory]
    [InlineData("actuator/metrics/nope", HttpStatusCode.NotFound)]
    [InlineData("actuator/metrics/orders.placed?tag=region:mars", HttpStatusCode.NotFound)]
    [InlineData("actuator/metrics/orders.placed?tag=region", HttpStatusCode.BadRequest)]
    public async Task Unknown_names_tags_and_bad_filters_are_refused(string path, HttpStatusCode expected)
    {
        var meterName = "Test.Metrics." + Guid.NewGuid().ToString("N");
        await using var host = await ManagementHost.StartAsync(Settings(meterName));
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("orders.placed").Add(1, new KeyValuePair<string, object?>("region", "eu"));

        await host.GetStringAsync(path, expected);
    }

    [Fact]
    public async Task Prometheus_shows_the_counter_in_text_exposition()
    {
        var meterName = "Test.Metrics." + Guid.NewGuid().ToString("N");
        await using var host = await ManagementHost.StartAsync(Settings(meterName));
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("orders.placed", description: "Orders placed").Add(5, new KeyValuePair<string, object?>("region", "eu"));

        using var response = await host.GetAsync("actuator/prometheus");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE orders_placed_total counter", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^orders_placed_total\{[^}]*region=""eu""[^}]*\} 5( \d+)?$", text);
    }

    [Fact]
    public async Task Prometheus_refuses_remote_anonymous_callers()
    {
        await using var host = await ManagementHost.StartAsync(Settings("Test.None"));

        using var response = await host.GetAsync("actuator/prometheus", remote: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
