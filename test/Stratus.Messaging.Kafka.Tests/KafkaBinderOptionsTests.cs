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
        Assert.Equal(TimeSpan.FromSeconds(5), options.HealthTimeout);
        Assert.Empty(options.Bindings);
        Assert.True(options.GetBinding("orders").AutoRebalanceEnabled);
        Assert.Null(options.GetBinding("orders").DlqPartitions);
    }

    [Fact]
    public void Binding_settings_bind_by_binding_name()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Bindings:orders:Group"] = "billing",
            ["Stratus:Messaging:Bindings:orders:InstanceCount"] = "2",
            ["Stratus:Messaging:Bindings:orders:InstanceIndex"] = "1",
            ["Stratus:Messaging:Kafka:Bindings:orders:AutoRebalanceEnabled"] = "false",
            ["Stratus:Messaging:Kafka:Bindings:orders:DlqPartitions"] = "1",
        });

        Assert.False(options.GetBinding("Orders").AutoRebalanceEnabled);
        Assert.Equal(1, options.GetBinding("orders").DlqPartitions);
    }

    [Theory]
    [InlineData("Stratus:Messaging:Kafka:Bindings:orders:DlqPartitions", "0", "Stratus:Messaging:Kafka:Bindings:orders:DlqPartitions must be at least 1 when set, not 0.")]
    [InlineData("Stratus:Messaging:Kafka:HealthTimeout", "00:00:00", "Stratus:Messaging:Kafka:HealthTimeout must be positive, not 00:00:00.")]
    [InlineData("Stratus:Messaging:Bindings:orders:Group", "", "Stratus:Messaging:Kafka:Bindings:orders:AutoRebalanceEnabled=false needs Stratus:Messaging:Bindings:orders:Group: anonymous consumers always use group management.")]
    [InlineData("Stratus:Messaging:Bindings:orders:InstanceIndex", "2", "Stratus:Messaging:Kafka:Bindings:orders:AutoRebalanceEnabled=false needs Stratus:Messaging:Bindings:orders:InstanceIndex between 0 and InstanceCount - 1, was 2 of 2.")]
    public void Bad_binding_settings_fail_naming_the_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Bindings:orders:Group"] = "billing",
            ["Stratus:Messaging:Bindings:orders:InstanceCount"] = "2",
            ["Stratus:Messaging:Kafka:Bindings:orders:AutoRebalanceEnabled"] = "false",
            [key] = value,
        };

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Equal(expected, Assert.Single(ex.Failures));
    }

    [Fact]
    public void Created_topics_get_the_partitions_their_bindings_need()
    {
        var messaging = new MessagingOptions { InstanceCount = 1 };
        messaging.Bindings["orders"] = new BindingOptions { PartitionCount = 4, PartitionKeyExpression = "payload" };
        messaging.Bindings["billing"] = new BindingOptions { Destination = "orders", Group = "billing", InstanceCount = 6 };
        messaging.Bindings["invoices"] = new BindingOptions { PartitionCount = 8, PartitionKeyExpression = "payload" };

        Assert.Equal(6, KafkaTopology.PartitionsToCreate("orders", 1, messaging));
        Assert.Equal(8, KafkaTopology.PartitionsToCreate("invoices", 1, messaging));
        Assert.Equal(3, KafkaTopology.PartitionsToCreate("unbound", 3, messaging));
        Assert.Equal(10, KafkaTopology.PartitionsToCreate("orders", 10, messaging));
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
