using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>The first connection's retries and the <c>rabbit</c> health check, against the shared node and a closed port.</summary>
public sealed class ConnectionTests(RabbitMqBroker broker)
{
    private readonly string _destination = "conn-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_gives_up_after_the_configured_attempts_with_an_error_naming_the_endpoint_but_not_the_password()
    {
        var logs = new RecordingLoggerProvider();
        var port = ClosedPort();
        var settings = Unreachable(port, attempts: 3);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MessagingApp.StartAsync(broker, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask), s => s.AddLogging(l => l.AddProvider(logs))));

        Assert.StartsWith($"Cannot connect to RabbitMQ at amqp://127.0.0.1:{port}/ (Stratus:Messaging:RabbitMQ:Uri): gave up after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        var retries = logs.Entries.Where(e => e.EventName == "RabbitMqConnectFailed").Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("attempt 1 of 3", retries[0], StringComparison.Ordinal);
        Assert.Contains("attempt 2 of 3", retries[1], StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authentication_failure_is_not_retried()
    {
        var logs = new RecordingLoggerProvider();
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:RabbitMQ:Uri"] = $"amqp://guest:wrong-s3cret@127.0.0.1:{broker.Port}/";
        settings["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxAttempts"] = "5";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MessagingApp.StartAsync(broker, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask), s => s.AddLogging(l => l.AddProvider(logs))));

        Assert.Contains("authentication failed, which is not retried", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.False(logs.Contains("RabbitMqConnectFailed"));
    }

    [Fact]
    public async Task Health_is_up_with_the_broker_version_when_connected()
    {
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask));

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        var rabbit = report.Entries["rabbit"];
        Assert.Equal(HealthStatus.Healthy, rabbit.Status);
        Assert.Matches(@"^\d+\.\d+\.\d+", Assert.IsType<string>(rabbit.Data["version"]));
        Assert.Equal($"amqp://127.0.0.1:{broker.Port}/", rabbit.Data["endpoint"]);
    }

    [Fact]
    public async Task Health_connects_when_nothing_did_yet()
    {
        // A publisher-only application opens no connection at start; the check opens it, as Spring's indicator does.
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, group: null));

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        Assert.Equal(HealthStatus.Healthy, report.Entries["rabbit"].Status);
    }

    [Fact]
    public async Task Health_is_down_naming_the_endpoint_when_the_broker_cannot_be_reached()
    {
        var port = ClosedPort();
        await using var app = await MessagingApp.StartAsync(broker, Unreachable(port, attempts: 1));

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        var rabbit = report.Entries["rabbit"];
        Assert.Equal(HealthStatus.Unhealthy, rabbit.Status);
        Assert.Contains($"amqp://127.0.0.1:{port}/", rabbit.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", rabbit.Description, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Unreachable(int port, int attempts)
    {
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:RabbitMQ:Uri"] = $"amqp://app:s3cret@127.0.0.1:{port}/";
        settings["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxAttempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Stratus:Messaging:RabbitMQ:ConnectionRetryInitialInterval"] = "00:00:00.010";
        settings["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxInterval"] = "00:00:00.020";
        return settings;
    }

    // A port that was free a moment ago: nothing listens, so connecting is refused at once.
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
