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

    [Fact]
    public void Reads_spring_rest_template_registration_with_nulls_numbers_and_trailing_ports()
    {
        // Spring's RestTemplate client writes InstanceInfo with a plain bean mapper: other field order, explicit
        // nulls, "sid":"na", numeric timestamps, a real boolean, and port objects at the end.
        const string body = """
            {"instance":{"instanceId":"host1:customers:8080","app":"CUSTOMERS","appGroupName":null,"ipAddr":"10.0.0.12",
             "sid":"na","homePageUrl":"http://host1:8080/","statusPageUrl":"http://host1:8080/actuator/info",
             "healthCheckUrl":"http://host1:8080/actuator/health","secureHealthCheckUrl":null,"vipAddress":"customers",
             "secureVipAddress":"customers","countryId":1,
             "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
             "hostName":"host1","status":"UP","overriddenStatus":"UNKNOWN",
             "leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":90,"registrationTimestamp":0,"lastRenewalTimestamp":0,
              "evictionTimestamp":0,"serviceUpTimestamp":0},
             "isCoordinatingDiscoveryServer":false,"lastUpdatedTimestamp":1724300000000,"lastDirtyTimestamp":1724300000000,
             "actionType":null,"asgName":null,
             "port":{"$":8080,"@enabled":"true"},"securePort":{"$":443,"@enabled":"false"},
             "metadata":{"management.port":"8080","zone":"zone1"}}}
            """;

        var info = EurekaJsonReader.ReadInstance(Encoding.UTF8.GetBytes(body));

        Assert.Equal("host1", info.HostName);
        Assert.Equal(8080, info.Port);
        Assert.Null(info.AsgName);
        Assert.Null(info.ActionType);
        Assert.Equal(1724300000000, info.LastDirtyTimestamp);
        Assert.Equal("zone1", info.Metadata["zone"]);
        Assert.Equal("customers", info.VipAddress);
    }

    [Fact]
    public void Reads_single_objects_where_arrays_are_expected_and_skips_only_bad_instances()
    {
        const string listing = """
            {"applications":{"versions__delta":"3","apps__hashcode":"UP_2_","application":[
              {"name":"A","instance":{"instanceId":"a1","hostName":"h","app":"A","ipAddr":"1.1.1.1","status":"UP",
                "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}},
              {"name":"B","instance":[
                {"instanceId":"b1","hostName":"h","app":"B","ipAddr":"1.1.1.2","status":"WEIRD"},
                {"instanceId":"b2","hostName":"h","app":"B","ipAddr":"1.1.1.3","status":"UP","actionType":"ADDED",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}]}]}}
            """;

        var apps = EurekaJsonReader.ReadApplications(Encoding.UTF8.GetBytes(listing), out var skipped);

        Assert.Equal(["a1"], apps.Applications[0].Instances.Select(i => i.InstanceId));
        Assert.Equal(["b2"], apps.Applications[1].Instances.Select(i => i.InstanceId));
        Assert.Contains("B/b1", Assert.Single(skipped), StringComparison.Ordinal);
    }
}
