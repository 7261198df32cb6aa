using System.Net;
using System.Text;

namespace Stratus.Registry.Tests.Http;

/// <summary>Every family of hostile input gets a 4xx naming the problem, and the registry stays byte-for-byte unchanged.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Dc = "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}";
    private RegistryServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await RegistryServer.StartAsync();
        (await _server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        (await _server.RegisterAsync("ORDERS", "o1")).Dispose();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static TheoryData<string, string, string> BadRegistrations => new()
    {
        { "json", $"{{\"instance\":{{\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",{Dc}}}}}", "Missing instanceId" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",{Dc}}}}}", "Missing hostname" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",{Dc}}}}}", "Missing ip address" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"ipAddr\":\"1.1.1.1\",{Dc}}}}}", "Missing appName" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"ORDERS\",\"ipAddr\":\"1.1.1.1\",{Dc}}}}}", "Mismatched appName, expecting CUSTOMERS but was ORDERS" },
        { "json", "{\"instance\":{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\"}}", "Missing dataCenterInfo" },
        { "json", "{\"instance\":{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\"}}}", "Missing dataCenterInfo Name" },
        { "json", "{\"instance\":{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUST", "Malformed JSON" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"status\":\"HALF_UP\",{Dc}}}}}", "Unknown status 'HALF_UP'" },
        { "json", "{\"instance\":{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"dataCenterInfo\":{\"@class\":\"com.sun.rowset.JdbcRowSetImpl\",\"name\":\"MyOwn\"}}}", "Unsupported dataCenterInfo @class 'com.sun.rowset.JdbcRowSetImpl'" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"metadata\":{{\"@class\":\"java.lang.ProcessBuilder\"}},{Dc}}}}}", "Unsupported metadata @class 'java.lang.ProcessBuilder'" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"metadata\":{{\"a b\":\"c\"}},{Dc}}}}}", "Metadata key 'a b' is not a valid XML element name" },
        { "json", $"{{\"instance\":{{\"instanceId\":\"x\",\"hostName\":\"h\",\"app\":\"CUSTOMERS\",\"ipAddr\":\"1.1.1.1\",\"metadata\":{new string('[', 5000)}{new string(']', 5000)},{Dc}}}}}", "Malformed JSON" },
        { "xml", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><instance><instanceId>x</instanceId><hostName>&lol1;</hostName></instance>", "Malformed XML" },
        { "xml", "<!DOCTYPE instance [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><instance><instanceId>&xxe;</instanceId></instance>", "Malformed XML" },
        { "xml", "<instance><instanceId>x</instanceId><hostName>h</hostName><app>CUSTOMERS</app><ipAddr>1.1.1.1</ipAddr><dataCenterInfo class=\"java.beans.XMLDecoder\"><name>MyOwn</name></dataCenterInfo></instance>", "Unsupported dataCenterInfo class 'java.beans.XMLDecoder'" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_registration_gets_400_naming_the_problem_and_changes_nothing(string format, string body, string message)
    {
        var before = await _server.GetAppsJsonAsync();

        using var response = await _server.RegisterAsync("customers", "x", body, format == "json" ? "application/json" : "application/xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await _server.GetAppsJsonAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_one_megabyte_gets_413_with_or_without_content_length(bool withLength)
    {
        var before = await _server.GetAppsJsonAsync();
        var padding = new string('a', 1024 * 1024 + 10);
        var body = RegistryServer.Registration("CUSTOMERS", "big", extra: ",\"metadata\":{\"pad\":\"" + padding + "\"}");
        HttpContent content = withLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _server.Client.PostAsync("eureka/apps/CUSTOMERS", content, Ct);
        content.Dispose();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await _server.GetAppsJsonAsync());
    }

    [Theory]
    [InlineData("PUT", "eureka/apps/CUSTOMERS/c1?lastDirtyTimestamp=soon", "lastDirtyTimestamp must be a number")]
    [InlineData("PUT", "eureka/apps/CUSTOMERS/c1/status?value=SIDEWAYS", "Unknown status value 'SIDEWAYS'")]
    [InlineData("PUT", "eureka/apps/CUSTOMERS/c1/status", "Unknown status value ''")]
    [InlineData("DELETE", "eureka/apps/CUSTOMERS/c1/status?value=MAYBE", "Unknown status value 'MAYBE'")]
    [InlineData("PUT", "eureka/apps/CUSTOMERS/c1/status?value=DOWN&lastDirtyTimestamp=-1", "lastDirtyTimestamp must be a number")]
    [InlineData("GET", "eureka/watch?since=abc", "since must be a non-negative number")]
    [InlineData("GET", "eureka/watch?since=1&timeout=0", "timeout must be a positive number of seconds")]
    public async Task Bad_parameters_get_400_and_change_nothing(string method, string path, string message)
    {
        var before = await _server.GetAppsJsonAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await _server.GetAppsJsonAsync());
    }

    /// <summary>A stream whose length HttpClient cannot know, so the body goes chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
