using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Kafka.Binder;

namespace Stratus.Messaging.Kafka.Tests;

public sealed class KafkaBinderOptionsTests
{
    [Fact]
    public void Defaults_match_spring()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal("localhost:9092", options.BootstrapServers);
        Assert.True(options.AutoCreateTopics);
        Assert.Equal(1, options.Partitions);
        Assert.Equal(-1, options.ReplicationFactor);
    }

    [Fact]
    public void Librdkafka_properties_pass_through_per_client()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Kafka:BootstrapServers"] = "kafka-1:9092,kafka-2:9092",
            ["Stratus:Messaging:Kafka:Configuration:security.protocol"] = "SASL_SSL",
            ["Stratus:Messaging:Kafka:Producer:linger.ms"] = "5",
            ["Stratus:Messaging:Kafka:Consumer:session.timeout.ms"] = "6000",
        });

        Assert.Equal("kafka-1:9092,kafka-2:9092", options.BootstrapServers);
        Assert.Equal("SASL_SSL", options.Configuration["security.protocol"]);
        Assert.Equal("5", options.Producer["linger.ms"]);
        Assert.Equal("6000", options.Consumer["session.timeout.ms"]);
    }

    [Fact]
    public void Bad_values_fail_with_every_key_named()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Kafka:BootstrapServers"] = " ",
            ["Stratus:Messaging:Kafka:Partitions"] = "0",
            ["Stratus:Messaging:Kafka:ReplicationFactor"] = "0",
        }));

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.Contains("Stratus:Messaging:Kafka:BootstrapServers", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Stratus:Messaging:Kafka:Partitions", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Stratus:Messaging:Kafka:ReplicationFactor", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_match_spring_cloud_stream()
    {
        Assert.Equal("error.orders.billing", KafkaTopology.DeadLetterTopic("orders", "billing"));
        Assert.Matches("^anonymous\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", KafkaTopology.AnonymousGroup());
    }

    private static KafkaBinderOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStratusMessaging(configuration).AddKafkaBinder(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KafkaBinderOptions>>().Value;
    }
}
