using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Stratus.Security.Tests;

/// <summary>Bad settings stop the start with every problem named by its full key.</summary>
public sealed class ResourceServerOptionsTests
{
    [Theory]
    [InlineData("Audience=", "Stratus:Security:ResourceServer:Audience is required")]
    [InlineData("ClockSkew=00:02:00", "Stratus:Security:ResourceServer:ClockSkew '00:02:00' must be between 0 and 60 seconds")]
    [InlineData("JwksUri=http://127.0.0.1:1/jwks", "set only one of Authority, JwksUri and IssuerServiceId")]
    [InlineData("Authority=not a url", "Stratus:Security:ResourceServer:Authority 'not a url' is not an absolute http(s) URL")]
    [InlineData("Authority=https://user:pw@issuer.example", "Stratus:Security:ResourceServer:Authority must not carry credentials")]
    [InlineData("KeyRefreshInterval=00:00:00", "KeyRefreshInterval '00:00:00' must be between 1 second and 1 hour")]
    public void Bad_settings_are_named(string setting, string problem)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:Authority"] = "https://issuer.example",
            ["Stratus:Security:ResourceServer:Audience"] = "licensing",
        };
        var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        settings["Stratus:Security:ResourceServer:" + key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddStratusResourceServer(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<ResourceServerOptions>>().Get("Bearer"));
        Assert.Contains(failure.Failures, f => f.Contains(problem, StringComparison.Ordinal));
        Assert.DoesNotContain(failure.Failures, f => f.Contains("pw@", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_without_secret_or_endpoint_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Security:Client:ClientId"] = "licensing-service",
            ["Stratus:Security:Client:AuthenticationMethod"] = "private_key_jwt",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddHttpClient("x").AddStratusTokenRelay();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClientCredentialsOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains("Stratus:Security:Client:ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Stratus:Security:Client:TokenEndpoint is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("'private_key_jwt' must be client_secret_basic or client_secret_post", StringComparison.Ordinal));
    }
}
