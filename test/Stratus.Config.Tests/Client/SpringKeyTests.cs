using Stratus.Config.Client;

namespace Stratus.Config.Tests.Client;

public sealed class SpringKeyTests
{
    [Theory]
    [InlineData("greeting", "greeting")]
    [InlineData("orders.retry.max", "orders:retry:max")]
    [InlineData("hosts[0]", "hosts:0")]
    [InlineData("servers[1].url", "servers:1:url")]
    [InlineData("map[a.b].c", "map:a.b:c")]
    [InlineData("matrix[0][1]", "matrix:0:1")]
    [InlineData("Logging.LogLevel.Default", "Logging:LogLevel:Default")]
    public void Spring_names_become_configuration_paths(string spring, string expected) =>
        Assert.Equal(expected, SpringKey.ToConfigurationKey(spring));
}
