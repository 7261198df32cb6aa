using System.Text;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;

namespace Stratus.Eureka.Tests;

/// <summary>
/// Pins the exact bytes of every envelope against the output of Eureka's own codecs (Jackson for JSON, XStream
/// for XML, as Spring Cloud Netflix 4.x serves them). The golden files were written from those codecs' rules.
/// </summary>
public sealed class GoldenWireTests
{
    private static readonly InstanceInfo Demo = new()
    {
        InstanceId = "host1:demo-service:8080",
        HostName = "host1",
        App = "DEMO-SERVICE",
        IpAddr = "10.0.0.5",
        Status = InstanceStatus.Up,
        Port = 8080,
        SecurePort = 443,
        DataCenterInfo = DataCenterInfo.MyOwn,
        LeaseInfo = new LeaseInfo
        {
            RegistrationTimestamp = 1700000000000,
            LastRenewalTimestamp = 1700000120000,
            ServiceUpTimestamp = 1700000000000,
        },
        Metadata = new Dictionary<string, string> { ["management.port"] = "8080" },
        HomePageUrl = "http://host1:8080/",
        StatusPageUrl = "http://host1:8080/actuator/info",
        HealthCheckUrl = "http://host1:8080/actuator/health",
        VipAddress = "demo-service",
        SecureVipAddress = "demo-service",
        LastUpdatedTimestamp = 1700000000000,
        LastDirtyTimestamp = 1699999995000,
        ActionType = ActionType.Added,
    };

    private static readonly InstanceInfo OutOfService = new()
    {
        InstanceId = "10.0.0.7:orders:9000",
        HostName = "10.0.0.7",
        App = "ORDERS",
        IpAddr = "10.0.0.7",
        Status = InstanceStatus.OutOfService,
        OverriddenStatus = InstanceStatus.OutOfService,
        Port = 9000,
        DataCenterInfo = DataCenterInfo.MyOwn,
        LeaseInfo = new LeaseInfo
        {
            RegistrationTimestamp = 1700000000000,
            LastRenewalTimestamp = 1700000000000,
            ServiceUpTimestamp = 1700000000000,
        },
        LastUpdatedTimestamp = 1700000001000,
        LastDirtyTimestamp = 1700000000000,
        ActionType = ActionType.Modified,
    };

    private static readonly EurekaApplications DemoListing = new("1", "UP_1_", [new EurekaApplication("DEMO-SERVICE", [Demo])]);

    private static readonly EurekaApplications EmptyListing = new("1", string.Empty, []);

    [Fact]
    public void Applications_json_matches_eureka_bytes() =>
        AssertGolden("apps.json", EurekaJsonWriter.WriteApplications(DemoListing));

    [Fact]
    public void Applications_xml_matches_eureka_bytes() =>
        AssertGolden("apps.xml", EurekaXmlWriter.WriteApplications(DemoListing));

    [Fact]
    public void Empty_registry_json_matches_eureka_bytes() =>
        AssertGolden("empty.json", EurekaJsonWriter.WriteApplications(EmptyListing));

    [Fact]
    public void Empty_registry_xml_matches_eureka_bytes() =>
        AssertGolden("empty.xml", EurekaXmlWriter.WriteApplications(EmptyListing));

    [Fact]
    public void Instance_with_empty_metadata_json_matches_eureka_bytes() =>
        AssertGolden("instance-empty-metadata.json", EurekaJsonWriter.WriteInstance(OutOfService));

    [Fact]
    public void Instance_with_empty_metadata_xml_matches_eureka_bytes() =>
        AssertGolden("instance-empty-metadata.xml", EurekaXmlWriter.WriteInstance(OutOfService));

    [Fact]
    public void Application_envelopes_wrap_the_same_instance_bytes()
    {
        var app = new EurekaApplication("DEMO-SERVICE", [Demo]);
        var json = Encoding.UTF8.GetString(EurekaJsonWriter.WriteApplication(app));
        var instance = Encoding.UTF8.GetString(EurekaJsonWriter.WriteInstance(Demo));

        Assert.Equal("{\"application\":{\"name\":\"DEMO-SERVICE\",\"instance\":[" + instance["{\"instance\":".Length..^1] + "]}}", json);
        Assert.StartsWith("<application>\n  <name>DEMO-SERVICE</name>\n  <instance>\n    <instanceId>", Encoding.UTF8.GetString(EurekaXmlWriter.WriteApplication(app)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps.json")]
    [InlineData("apps.xml")]
    public void Golden_listings_read_back_and_write_the_same_bytes(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file));
        var json = file.EndsWith(".json", StringComparison.Ordinal);
        var listing = json ? EurekaJsonReader.ReadApplications(bytes, out var skipped) : EurekaXmlReader.ReadApplications(bytes, out skipped);

        Assert.Empty(skipped);
        var read = Assert.Single(Assert.Single(listing.Applications).Instances);
        Assert.Equal(Demo.LeaseInfo, read.LeaseInfo);
        Assert.Equal(Demo.Metadata, read.Metadata);
        Assert.Equal(bytes, json ? EurekaJsonWriter.WriteApplications(listing) : EurekaXmlWriter.WriteApplications(listing));
    }

    [Fact]
    public void Xml_escapes_text_and_codes_metadata_names_like_xstream()
    {
        var odd = OutOfService with
        {
            Metadata = new Dictionary<string, string> { ["my_key$x"] = "a<b & \"c\" 'd'\r" },
        };

        var xml = Encoding.UTF8.GetString(EurekaXmlWriter.WriteInstance(odd));

        Assert.Contains("<my__key_-x>a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#xd;</my__key_-x>", xml, StringComparison.Ordinal);
        var back = EurekaXmlReader.ReadInstance(Encoding.UTF8.GetBytes(xml));
        Assert.Equal("a<b & \"c\" 'd'\r", back.Metadata["my_key$x"]);
    }

    private static void AssertGolden(string file, byte[] actual)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", file));
        Assert.Equal(expected, Encoding.UTF8.GetString(actual));
    }
}
