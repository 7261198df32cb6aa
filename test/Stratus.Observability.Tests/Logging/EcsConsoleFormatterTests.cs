using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stratus.Observability.Logging;
using Stratus.Observability.Tests.Support;

namespace Stratus.Observability.Tests.Logging;

public sealed class EcsConsoleFormatterTests : IDisposable
{
    private readonly List<string> _lines = [];
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _factory;

    public EcsConsoleFormatterTests()
    {
        _services = new ServiceCollection()
            .Configure<EcsConsoleFormatterOptions>(o =>
            {
                o.ServiceName = "orders";
                o.ServiceNodeName = "host-1:orders:42";
                o.IncludeScopes = true;
            })
            .BuildServiceProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        var formatter = new EcsConsoleFormatter(_services.GetRequiredService<IOptionsMonitor<EcsConsoleFormatterOptions>>(), time);
        _factory = LoggerFactory.Create(b => b.AddProvider(new FormatterLoggerProvider(formatter, _lines)));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Writes_one_ECS_line_with_exact_fields_and_escaping()
    {
        var logger = _factory.CreateLogger("Orders");
        var failure = new InvalidOperationException("boom");
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["TraceId"] = "0af7651916cd43dd8448eb211c80319c",
            ["SpanId"] = "b7ad6b7169203331",
            ["ParentId"] = "0000000000000000",
            ["RequestPath"] = "/orders/7",
            ["Customer"] = "scope loses to the message's own value",
        }))
        {
            TestLog.OrderFailed(logger, 7, "Zoë \"<x>\"\n\\", failure);
        }

        const string expected = """
            {"@timestamp":"2026-01-02T03:04:05.678Z","log.level":"Warning","message":"Order 7 failed for Zoë \"<x>\"\n\\","ecs.version":"8.11.0","log.logger":"Orders","event.code":"42","event.action":"OrderFailed","trace.id":"0af7651916cd43dd8448eb211c80319c","span.id":"b7ad6b7169203331","service.name":"orders","service.node.name":"host-1:orders:42","error.type":"System.InvalidOperationException","error.message":"boom","error.stack_trace":"System.InvalidOperationException: boom","labels.OrderId":"7","labels.Customer":"Zoë \"<x>\"\n\\","labels.RequestPath":"/orders/7"}
            """;
        Assert.Equal(expected, Assert.Single(_lines));
    }

    [Fact]
    public void Trace_ids_come_from_the_current_activity()
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var logger = _factory.CreateLogger("Orders");
        object value = 1.5;
        TestLog.Plain(logger, value);

        var line = JsonDocument.Parse(Assert.Single(_lines)).RootElement;
        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("trace.id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("span.id").GetString());
        Assert.Equal("1.5", line.GetProperty("labels.Value").GetString());
        Assert.Equal("Plain", line.GetProperty("event.action").GetString());
        Assert.False(line.TryGetProperty("error.type", out _));
    }

    public static TheoryData<object?> Awkward => new()
    {
        "lone surrogate \ud800 here",
        "\u0000\u001f\u2028 control characters",
        new ThrowingToString(),
        new string('x', 200_000),
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Awkward_values_still_give_one_valid_JSON_line(object? value)
    {
        var logger = _factory.CreateLogger("Orders\ud800");
        TestLog.Plain(logger, value);

        var line = Assert.Single(_lines);
        Assert.DoesNotContain('\n', line);
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("2026-01-02T03:04:05.678Z", json.GetProperty("@timestamp").GetString());
        Assert.True(json.TryGetProperty("message", out _));
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text for you");
    }
}
