using System.Text;
using Stratus.Eureka.Xml;

namespace Stratus.Eureka.Tests.Xml;

public sealed class EurekaXmlReaderTests
{
    private const string Registration = """
        <instance>
          <instanceId>h:a:1</instanceId>
          <hostName>h</hostName>
          <app>a</app>
          <ipAddr>10.0.0.1</ipAddr>
          <status>UP</status>
          <overriddenstatus>UNKNOWN</overriddenstatus>
          <port enabled="true">8080</port>
          <securePort enabled="false">443</securePort>
          <countryId>1</countryId>
          <dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo>
          <metadata><zone>z1</zone><management.port>8081</management.port></metadata>
          <vipAddress>a</vipAddress>
          <isCoordinatingDiscoveryServer>false</isCoordinatingDiscoveryServer>
          <lastDirtyTimestamp>1724300000000</lastDirtyTimestamp>
        </instance>
        """;

    [Fact]
    public void Reads_xstream_registration()
    {
        var info = EurekaXmlReader.ReadInstance(Encoding.UTF8.GetBytes(Registration));

        Assert.Equal("A", info.App);
        Assert.Equal(8080, info.Port);
        Assert.Equal(443, info.SecurePort);
        Assert.False(info.SecurePortEnabled);
        Assert.Equal("z1", info.Metadata["zone"]);
        Assert.Equal("8081", info.Metadata["management.port"]);
        Assert.Equal(1724300000000, info.LastDirtyTimestamp);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><instance><hostName>&lol2;</hostName></instance>""", "Malformed XML")]
    [InlineData("""<!DOCTYPE instance [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><instance><hostName>&xxe;</hostName></instance>""", "Malformed XML")]
    [InlineData("""<instance><dataCenterInfo class="java.lang.ProcessBuilder"><name>MyOwn</name></dataCenterInfo></instance>""", "Unsupported dataCenterInfo class 'java.lang.ProcessBuilder'")]
    [InlineData("""<instance><metadata class="javax.script.ScriptEngineManager"/></instance>""", "Unsupported metadata class")]
    [InlineData("""<instance><status>SIDEWAYS</status></instance>""", "Unknown status 'SIDEWAYS'")]
    [InlineData("""<instance><port enabled="yes">80</port></instance>""", "Field 'port@enabled' must be true or false")]
    [InlineData("""<instance><hostName>h</hostName>""", "Malformed XML")]
    [InlineData("""<applications/>""", "Expected root element 'instance'")]
    public void Rejects_hostile_or_malformed_xml_naming_the_problem(string xml, string expected)
    {
        var ex = Assert.Throws<EurekaFormatException>(() => EurekaXmlReader.ReadInstance(Encoding.UTF8.GetBytes(xml)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
