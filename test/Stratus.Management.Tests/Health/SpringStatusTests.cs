using Stratus.Management.Health;

namespace Stratus.Management.Tests.Health;

public sealed class SpringStatusTests
{
    [Theory]
    [InlineData("UP", "UP,UNKNOWN")]
    [InlineData("DOWN", "UP,DOWN,OUT_OF_SERVICE")]
    [InlineData("OUT_OF_SERVICE", "UNKNOWN,OUT_OF_SERVICE,UP")]
    [InlineData("UNKNOWN", "UNKNOWN")]
    [InlineData("UP", "")]
    public void Aggregate_follows_springs_order(string expected, string statuses)
    {
        Assert.Equal(expected, SpringStatus.Aggregate(statuses.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("UP", 200)]
    [InlineData("UNKNOWN", 200)]
    [InlineData("DOWN", 503)]
    [InlineData("OUT_OF_SERVICE", 503)]
    public void Http_status_follows_springs_defaults(string status, int expected)
    {
        Assert.Equal(expected, SpringStatus.HttpStatus(status));
    }
}
