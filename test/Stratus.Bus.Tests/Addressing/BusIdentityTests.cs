using Microsoft.Extensions.Configuration;
using Stratus.Bus.Addressing;

namespace Stratus.Bus.Tests.Addressing;

/// <summary>The default bus id, Spring's IdUtils template as BusEnvironmentPostProcessor sets it.</summary>
public sealed class BusIdentityTests
{
    private const string Random = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(new string[0], 5005, "host-app:5005:" + Random)]
    [InlineData(new[] { "spring:application:name", "customers" }, 5005, "customers:5005:" + Random)]
    [InlineData(new[] { "spring.application.name", "customers" }, null, "customers:8080:" + Random)]
    [InlineData(new[] { "spring:application:name", "customers", "urls", "http://127.0.0.1:0;http://+:7001" }, null, "customers:7001:" + Random)]
    [InlineData(new[] { "spring:application:name", "customers", "spring:application:index", "3" }, 5005, "customers:3:" + Random)]
    [InlineData(new[] { "spring:application:name", "customers", "spring:profiles:active", "dev,cloud" }, 5005, "customers:dev,cloud:5005:" + Random)]
    public void Default_id_is_name_profiles_index_or_port_and_random(string[] pairs, int? port, string expected)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            settings[pairs[i]] = pairs[i + 1];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(expected, BusIdentity.DefaultId(configuration, "host-app", port, Random));
    }

    [Theory]
    [InlineData("http://localhost:5000", 5000)]
    [InlineData("https://[::1]:5001/", 5001)]
    [InlineData("http://[::]", null)]
    [InlineData("http://*:0;https://*:8443", 8443)]
    [InlineData("nonsense", null)]
    [InlineData(null, null)]
    public void The_port_comes_from_the_first_listening_url_with_one(string? urls, int? expected)
    {
        Assert.Equal(expected, BusIdentity.UrlsPort(urls));
    }

    [Fact]
    public void Config_names_come_from_the_config_client_name_or_Springs_key()
    {
        var stratus = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Stratus:Config:Name"] = "a, b" }).Build();
        var spring = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["spring.cloud.config.name"] = "c" }).Build();

        Assert.Equal(["a", "b"], BusIdentity.ConfigNames(stratus));
        Assert.Equal(["c"], BusIdentity.ConfigNames(spring));
    }
}
