using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Bus.Tests;

/// <summary>Settings, Spring's <c>spring.cloud.bus.*</c> names where the Stratus key is not set, and validation.</summary>
public sealed class BusOptionsTests
{
    [Fact]
    public void Defaults_are_Springs_except_shutdown()
    {
        var options = Options(new());

        Assert.Null(options.Id);
        Assert.Equal("springCloudBus", options.Destination);
        Assert.True(options.Ack.Enabled);
        Assert.Null(options.Ack.DestinationService);
        Assert.True(options.Refresh.Enabled);
        Assert.True(options.Env.Enabled);
        Assert.False(options.Shutdown.Enabled);
    }

    [Fact]
    public void Spring_names_are_read_nested_or_dotted()
    {
        var options = Options(new()
        {
            ["spring:cloud:bus:id"] = "customers:1:x",
            ["spring.cloud.bus.destination"] = "otherBus",
            ["spring:cloud:bus:ack:enabled"] = "false",
            ["spring.cloud.bus.ack.destination-service"] = "audit",
            ["spring:cloud:bus:refresh:enabled"] = "false",
            ["spring.cloud.bus.env.enabled"] = "false",
            ["spring:cloud:bus:shutdown:enabled"] = "true",
        });

        Assert.Equal("customers:1:x", options.Id);
        Assert.Equal("otherBus", options.Destination);
        Assert.False(options.Ack.Enabled);
        Assert.Equal("audit", options.Ack.DestinationService);
        Assert.False(options.Refresh.Enabled);
        Assert.False(options.Env.Enabled);
        Assert.True(options.Shutdown.Enabled);
    }

    [Fact]
    public void The_Stratus_key_wins_over_Springs()
    {
        var options = Options(new()
        {
            ["Stratus:Bus:Id"] = "mine:1:x",
            ["spring:cloud:bus:id"] = "theirs:1:x",
            ["Stratus:Bus:Ack:Enabled"] = "true",
            ["spring:cloud:bus:ack:enabled"] = "false",
        });

        Assert.Equal("mine:1:x", options.Id);
        Assert.True(options.Ack.Enabled);
    }

    [Theory]
    [InlineData("Stratus:Bus:Id", " ", "Stratus:Bus:Id must be")]
    [InlineData("Stratus:Bus:Destination", "", "Stratus:Bus:Destination must be")]
    [InlineData("Stratus:Bus:Binder", "zeromq", "Stratus:Bus:Binder must be RabbitMQ or Kafka")]
    [InlineData("spring:cloud:bus:ack:enabled", "sometimes", "spring.cloud.bus.ack.enabled must be true or false")]
    public void Bad_values_are_refused_naming_the_key(string key, string value, string problem)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { [key] = value }));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static BusOptions Options(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStratusBus();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<BusOptions>>().Value;
    }
}
