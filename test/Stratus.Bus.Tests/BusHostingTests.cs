using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Messaging;

namespace Stratus.Bus.Tests;

/// <summary>What <c>builder.AddStratus()</c> decides about the bus from configuration alone.</summary>
public sealed class BusHostingTests
{
    [Fact]
    public void Without_the_switch_there_is_no_bus()
    {
        var builder = Builder(new() { ["Stratus:Messaging:RabbitMQ:Uri"] = "amqp://127.0.0.1:1/" });
        builder.AddStratus();

        using var app = builder.Build();
        Assert.Null(app.Services.GetService<IBusPublisher>());
        Assert.Null(app.Services.GetService<IMessagePublisher>());
    }

    [Theory]
    [InlineData("Stratus:Bus:Enabled")]
    [InlineData("spring:cloud:bus:enabled")]
    [InlineData("spring.cloud.bus.enabled")]
    public void The_switch_and_a_binder_turn_the_bus_on(string key)
    {
        var builder = Builder(new() { [key] = "true", ["Stratus:Messaging:RabbitMQ:Uri"] = "amqp://127.0.0.1:1/" });
        builder.AddStratus();

        using var app = builder.Build();
        Assert.NotNull(app.Services.GetService<IBusPublisher>());
        var bindings = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Bindings;
        Assert.Equal("springCloudBus", bindings["springCloudBusInput"].Destination);
        Assert.Equal("springCloudBus", bindings["springCloudBusOutput"].Destination);
        Assert.Null(bindings["springCloudBusInput"].Group);
    }

    [Fact]
    public void A_binding_with_its_own_destination_keeps_it()
    {
        var builder = Builder(new()
        {
            ["Stratus:Bus:Enabled"] = "true",
            ["Stratus:Bus:Destination"] = "myBus",
            ["Stratus:Messaging:RabbitMQ:Uri"] = "amqp://127.0.0.1:1/",
            ["Stratus:Messaging:Bindings:springCloudBusOutput:Destination"] = "elsewhere",
        });
        builder.AddStratus();

        using var app = builder.Build();
        var bindings = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Bindings;
        Assert.Equal("myBus", bindings["springCloudBusInput"].Destination);
        Assert.Equal("elsewhere", bindings["springCloudBusOutput"].Destination);
    }

    [Theory]
    [InlineData(new string[0], "no binder is configured")]
    [InlineData(new[] { "Stratus:Messaging:RabbitMQ:Uri", "amqp://h/", "Stratus:Messaging:Kafka:BootstrapServers", "h:9092" }, "choose one with Stratus:Bus:Binder")]
    [InlineData(new[] { "Stratus:Bus:Binder", "ActiveMQ" }, "Stratus:Bus:Binder must be RabbitMQ or Kafka")]
    [InlineData(new[] { "Stratus:Bus:Enabled", "yes" }, "Stratus:Bus:Enabled must be true or false")]
    public void A_bus_that_cannot_work_stops_start_up_naming_the_keys(string[] pairs, string problem)
    {
        var settings = new Dictionary<string, string?> { ["Stratus:Bus:Enabled"] = "true" };
        for (var i = 0; i < pairs.Length; i += 2)
        {
            settings[pairs[i]] = pairs[i + 1];
        }

        var builder = Builder(settings);

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddStratus());
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_the_bus_twice_changes_nothing()
    {
        var builder = Builder(new());
        var first = builder.AddStratusBus();
        var second = builder.AddStratusBus();

        Assert.Same(first, second);
        Assert.Single(builder.Services, d => d.ServiceType == typeof(Stratus.Bus.Transport.BusInbox));
        Assert.Single(builder.Configuration.Sources.OfType<Stratus.Bus.Environment.BusEnvironmentSource>());
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "hosting-bus", EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
