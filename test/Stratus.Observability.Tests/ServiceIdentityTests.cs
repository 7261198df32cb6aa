using Microsoft.Extensions.Configuration;

namespace Stratus.Observability.Tests;

public sealed class ServiceIdentityTests
{
    [Theory]
    [InlineData("own", "spring", "eureka", "own")]
    [InlineData(null, "spring", "eureka", "spring")]
    [InlineData(" ", "spring", "eureka", "spring")]
    [InlineData(null, null, "eureka", "eureka")]
    [InlineData(null, null, null, "host-app")]
    public void Service_name_follows_the_documented_precedence(string? own, string? spring, string? discovery, string expected)
    {
        var identity = ServiceIdentity.Resolve(Config(("Stratus:Observability:ServiceName", own), ("spring:application:name", spring), ("Stratus:Discovery:AppName", discovery)), "host-app");

        Assert.Equal(expected, identity.ServiceName);
    }

    [Fact]
    public void Instance_id_prefers_our_key_then_discovery_then_machine_service_and_process()
    {
        Assert.Equal("i-1", ServiceIdentity.Resolve(Config(("Stratus:Observability:InstanceId", "i-1"), ("Stratus:Discovery:InstanceId", "d-1")), "app").InstanceId);
        Assert.Equal("d-1", ServiceIdentity.Resolve(Config(("Stratus:Discovery:InstanceId", "d-1")), "app").InstanceId);
        Assert.Equal($"{Environment.MachineName}:orders:{Environment.ProcessId}", ServiceIdentity.Resolve(Config(("spring:application:name", "orders")), "app").InstanceId);
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
