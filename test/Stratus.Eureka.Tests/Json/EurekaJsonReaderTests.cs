using System.Text;
using Stratus.Eureka.Json;

namespace Stratus.Eureka.Tests.Json;

public sealed class EurekaJsonReaderTests
{
    private const string Minimal = """
        {"instance":{"instanceId":"h:a:1","hostName":"h","app":"a","ipAddr":"10.0.0.1",
         "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
        """;

    [Fact]
    public void Reads_minimal_registration_with_eureka_defaults()
    {
        var info = EurekaJsonReader.ReadInstance(Encoding.UTF8.GetBytes(Minimal));

        Assert.Equal("h:a:1", info.InstanceId);
        Assert.Equal("A", info.App);
        Assert.Equal(InstanceStatus.Up, info.Status);
        Assert.Equal(InstanceStatus.Unknown, info.OverriddenStatus);
        Assert.Equal(7001, info.Port);
        Assert.True(info.PortEnabled);
        Assert.Equal(7002, info.SecurePort);
        Assert.False(info.SecurePortEnabled);
        Assert.Equal("MyOwn", info.DataCenterInfo!.Name);
    }

    [Theory]
    [InlineData("""{"instance":{"status":"BOGUS"}}""", "Unknown status 'BOGUS'")]
    [InlineData("""{"instance":{"dataCenterInfo":{"@class":"java.lang.Runtime","name":"MyOwn"}}}""", "Unsupported dataCenterInfo @class 'java.lang.Runtime'")]
    [InlineData("""{"instance":{"metadata":{"@class":"javax.script.ScriptEngineManager"}}}""", "Unsupported metadata @class 'javax.script.ScriptEngineManager'")]
    [InlineData("""{"instance":{"lastDirtyTimestamp":"soon"}}""", "Field 'lastDirtyTimestamp' must be a number")]
    [InlineData("""{"instance":{"port":{"$":70000}}}""", "Field 'port' is out of range")]
    [InlineData("""{"instance":{"isCoordinatingDiscoveryServer":"maybe"}}""", "Field 'isCoordinatingDiscoveryServer' must be true or false")]
    [InlineData("""{"instance":{"actionType":"EXPLODED"}}""", "Unknown actionType 'EXPLODED'")]
    [InlineData("""{"instance":{"hostName":""", "Malformed JSON")]
    public void Rejects_hostile_or_malformed_input_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<EurekaFormatException>(() => EurekaJsonReader.ReadInstance(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_deep_nesting_without_stack_overflow()
    {
        var json = "{\"instance\":{\"metadata\":" + new string('[', 10_000) + new string(']', 10_000) + "}}";
        var ex = Assert.Throws<EurekaFormatException>(() => EurekaJsonReader.ReadInstance(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("Malformed JSON", ex.Message, StringComparison.Ordinal);
    }
}
