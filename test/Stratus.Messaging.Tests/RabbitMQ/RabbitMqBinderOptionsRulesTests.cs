using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Stratus.Messaging.RabbitMQ;
using Stratus.Messaging.RabbitMQ.Binder;

namespace Stratus.Messaging.Tests.RabbitMQ;

public sealed class RabbitMqBinderOptionsRulesTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var result = Validate(new Dictionary<string, string?>());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Uri", "http://rabbit:5672/", "Stratus:Messaging:RabbitMQ:Uri must be an absolute amqp:// or amqps:// URI with a host, was 'http://rabbit:5672/'")]
    [InlineData("ConnectionRetryMaxAttempts", "0", "Stratus:Messaging:RabbitMQ:ConnectionRetryMaxAttempts must be at least 1, was 0")]
    [InlineData("ConnectionRetryInitialInterval", "-00:00:01", "Stratus:Messaging:RabbitMQ:ConnectionRetryInitialInterval must not be negative, was -00:00:01")]
    [InlineData("ConnectionRetryMaxInterval", "00:00:00.500", "Stratus:Messaging:RabbitMQ:ConnectionRetryMaxInterval must be at least ConnectionRetryInitialInterval, was 00:00:00.5000000")]
    [InlineData("ConnectionRetryMultiplier", "0.5", "Stratus:Messaging:RabbitMQ:ConnectionRetryMultiplier must be at least 1.0, was 0.5")]
    [InlineData("RecoveryInterval", "00:00:00", "Stratus:Messaging:RabbitMQ:RecoveryInterval must be positive, was 00:00:00")]
    [InlineData("Bindings:orders:QueueType", "stream", "Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType must be classic or quorum, was 'stream'")]
    public void Bad_value_is_named_with_its_full_key(string key, string value, string expected)
    {
        var result = Validate(new Dictionary<string, string?> { [$"Stratus:Messaging:RabbitMQ:{key}"] = value });

        Assert.True(result.Failed);
        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_without_the_uri_credentials()
    {
        var result = Validate(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:RabbitMQ:Uri"] = "https://app:s3cret@rabbit/",
            ["Stratus:Messaging:RabbitMQ:ConnectionRetryMaxAttempts"] = "0",
            ["Stratus:Messaging:RabbitMQ:Bindings:orders:QueueType"] = "quorum",
        });

        Assert.Equal(3, result.Failures!.Count());
        Assert.DoesNotContain(result.Failures!, failure => failure.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Quorum_is_accepted_for_a_binding_with_a_group_in_any_case()
    {
        var result = Validate(new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Bindings:orders:Group"] = "billing",
            ["Stratus:Messaging:RabbitMQ:Bindings:ORDERS:QueueType"] = "QUORUM",
            ["Stratus:Messaging:RabbitMQ:Bindings:orders:DeadLetterQueueType"] = "quorum",
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Connection_retry_delays_grow_exponentially_up_to_the_maximum()
    {
        var options = new RabbitMqBinderOptions
        {
            ConnectionRetryInitialInterval = TimeSpan.FromMilliseconds(100),
            ConnectionRetryMultiplier = 3,
            ConnectionRetryMaxInterval = TimeSpan.FromSeconds(1),
        };

        var delays = Enumerable.Range(1, 5).Select(attempt => RabbitMqConnection.RetryDelay(options, attempt)).ToList();

        Assert.Equal([100, 300, 900, 1000, 1000], delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(options.ConnectionRetryMaxInterval, RabbitMqConnection.RetryDelay(options, 10_000));
    }

    [Fact]
    public void Default_connection_retries_wait_about_a_minute_in_total()
    {
        var options = new RabbitMqBinderOptions();

        var total = Enumerable.Range(1, options.ConnectionRetryMaxAttempts - 1).Sum(attempt => RabbitMqConnection.RetryDelay(options, attempt).TotalSeconds);

        Assert.Equal(1 + 2 + 4 + 8 + (10 * 5), total);
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var messaging = new MessagingOptions();
        configuration.GetSection(MessagingOptions.SectionName).Bind(messaging);
        var options = new RabbitMqBinderOptions();
        configuration.GetSection(RabbitMqBinderOptions.SectionName).Bind(options);
        return new RabbitMqBinderOptionsRules(Options.Create(messaging)).Validate(null, options);
    }
}
