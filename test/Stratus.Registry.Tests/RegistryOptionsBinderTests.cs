using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Stratus.Registry.Tests;

public sealed class RegistryOptionsBinderTests
{
    [Fact]
    public void Spring_names_apply_when_the_stratus_keys_are_absent()
    {
        var options = Bind(new()
        {
            ["eureka:server:enable-self-preservation"] = "false",
            ["eureka:server:renewal-percent-threshold"] = "0.5",
            ["eureka:server:eviction-interval-timer-in-ms"] = "5000",
            ["eureka:client:service-url:defaultZone"] = "http://peer1:8761/eureka/, http://peer2:8761/eureka/",
        });

        Assert.False(options.EnableSelfPreservation);
        Assert.Equal(0.5, options.RenewalPercentThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), options.EvictionInterval);
        Assert.Equal(["http://peer1:8761/eureka/", "http://peer2:8761/eureka/"], options.PeerUrls);
    }

    [Fact]
    public void Stratus_keys_win_over_spring_names()
    {
        var options = Bind(new()
        {
            ["eureka:server:enable-self-preservation"] = "false",
            ["Stratus:Registry:EnableSelfPreservation"] = "true",
            ["Stratus:Registry:PeerUrls:0"] = "http://a:8761/eureka/",
            ["eureka:client:service-url:defaultZone"] = "http://peer1:8761/eureka/",
        });

        Assert.True(options.EnableSelfPreservation);
        Assert.Equal(["http://a:8761/eureka/"], options.PeerUrls);
    }

    [Theory]
    [InlineData("Stratus:Registry:RenewalPercentThreshold", "1.5", "RenewalPercentThreshold")]
    [InlineData("Stratus:Registry:EvictionInterval", "00:00:00", "Stratus:Registry:EvictionInterval must be between")]
    [InlineData("Stratus:Registry:PeerUrls", "ftp://user:pw@x/", "Stratus:Registry:PeerUrls:0 must be an absolute http(s) URL, got 'ftp://***@x/'")]
    public void Invalid_values_fail_naming_the_key_without_leaking_credentials(string key, string value, string message)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":pw@", ex.Message, StringComparison.Ordinal);
    }

    private static RegistryOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStratusRegistry(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RegistryOptions>>().Value;
    }
}
