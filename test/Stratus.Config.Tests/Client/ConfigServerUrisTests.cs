using Stratus.Config.Client;

namespace Stratus.Config.Tests.Client;

public sealed class ConfigServerUrisTests
{
    [Theory]
    [InlineData("http://user:pw@host:8888/", "http://***@host:8888/")]
    [InlineData("http://host:8888/a@b", "http://host:8888/a@b")]
    [InlineData("https://host", "https://host")]
    public void Passwords_are_masked(string uri, string expected) => Assert.Equal(expected, ConfigServerUris.Mask(uri));

    [Fact]
    public void Credentials_move_from_the_uri_to_a_basic_header()
    {
        var endpoint = ServerEndpoint.Create("http://us%40er:p%3Aw@host:8888/config", null, null);
        Assert.Equal("http://host:8888/config/", endpoint.BaseAddress.ToString());
        Assert.Equal("Basic", endpoint.Authorization!.Scheme);
        Assert.Equal("us@er:p:w", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization.Parameter!)));
        Assert.DoesNotContain("p:w", endpoint.Display, StringComparison.Ordinal);
    }
}
