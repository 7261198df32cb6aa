using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stratus.Messaging.Kafka.Health;
using Stratus.Messaging.Kafka.Tests.Support;

namespace Stratus.Messaging.Kafka.Tests.Health;

public sealed class KafkaHealthCheckTests(KafkaCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kafka_check_is_up_with_the_broker_count_when_the_cluster_answers()
    {
        await using var provider = Services(cluster.BinderSettings());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        var kafka = report.Entries["kafka"];
        Assert.True(kafka.Status == HealthStatus.Healthy, kafka.Description);
        var brokers = Assert.IsType<int>(kafka.Data["brokers"]);
        if (cluster.IsMock)
        {
            Assert.Equal(3, brokers);
        }

        Assert.InRange(brokers, 1, int.MaxValue);
        Assert.Contains("stratus", kafka.Tags);
    }

    [Fact]
    public async Task Kafka_check_is_down_with_the_reason_when_no_broker_answers()
    {
        var bootstrap = $"127.0.0.1:{ClosedPort()}";
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Kafka:BootstrapServers"] = bootstrap,
            ["Stratus:Messaging:Kafka:HealthTimeout"] = "00:00:01",
        });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        var kafka = report.Entries["kafka"];
        Assert.Equal(HealthStatus.Unhealthy, kafka.Status);
        // Nothing listens there: librdkafka reports the refused connection ("Local: Broker transport failure") or, on a
        // slower machine, the timeout ("no answer within 00:00:01").
        Assert.StartsWith($"Kafka cluster metadata could not be fetched from {bootstrap}: ", kafka.Description, StringComparison.Ordinal);
        Assert.IsType<KafkaException>(kafka.Exception);
        Assert.NotNull(kafka.Exception);
    }

    [Fact]
    public async Task A_result_is_reused_for_five_seconds_and_concurrent_polls_share_one_request()
    {
        var time = new FakeTimeProvider();
        var requests = 0;
        var answer = new TaskCompletionSource<Metadata>(TaskCreationOptions.RunContinuationsAsynchronously);
        var check = new KafkaHealthCheck((_, _) => { requests++; return answer.Task; }, Options.Create(new KafkaBinderOptions()), time);
        var context = new HealthCheckContext();

        var first = check.CheckHealthAsync(context, Token);
        var second = check.CheckHealthAsync(context, Token);
        answer.SetResult(new Metadata([new BrokerMetadata(1, "kafka-1", 9092), new BrokerMetadata(2, "kafka-2", 9092)], [], 1, "kafka-1"));
        Assert.Equal(HealthStatus.Healthy, (await first).Status);
        Assert.Equal(2, (await second).Data["brokers"]);

        time.Advance(TimeSpan.FromSeconds(4.9));
        await check.CheckHealthAsync(context, Token);
        Assert.Equal(1, requests);

        answer = new TaskCompletionSource<Metadata>(TaskCreationOptions.RunContinuationsAsynchronously);
        answer.SetException(new KafkaException(ErrorCode.Local_AllBrokersDown));
        time.Advance(TimeSpan.FromSeconds(0.1));
        var down = await check.CheckHealthAsync(context, Token);
        Assert.Equal(2, requests);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.IsType<KafkaException>(down.Exception);
    }

    [Fact]
    public void Adding_the_binder_twice_registers_one_kafka_check()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStratusMessaging(configuration).AddKafkaBinder(configuration).AddKafkaBinder(configuration);
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Single(registrations, r => r.Name == "kafka");
    }

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStratusMessaging(configuration).AddKafkaBinder(configuration);
        return services.BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
