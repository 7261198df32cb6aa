using Stratus.Bus.Addressing;

namespace Stratus.Bus.Tests.Addressing;

/// <summary>Spring's PathDestinationFactory and the endpoints' ALL_REMAINING selector.</summary>
public sealed class BusDestinationTests
{
    [Theory]
    [InlineData(null, "**")]
    [InlineData("", "**")]
    [InlineData("**", "**")]
    [InlineData("customers", "customers:**")]
    [InlineData("*", "*:**")]
    [InlineData("customers:9000", "customers:9000:**")]
    [InlineData("customers:**", "customers:**")]
    [InlineData("customers:9000:abc", "customers:9000:abc")]
    [InlineData("customers:9000:*", "customers:9000:*")]
    [InlineData("foo-dev", "foo-dev:**")]
    public void A_bare_name_means_every_instance_of_it(string? given, string expected)
    {
        Assert.Equal(expected, BusDestination.From(given));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("customers", "customers")]
    [InlineData("customers/9000", "customers:9000")]
    [InlineData("customers:9000", "customers:9000")]
    [InlineData("customers//9000/", "customers:9000")]
    public void Remaining_path_segments_are_joined_with_colons(string? path, string? expected)
    {
        Assert.Equal(expected, BusDestination.FromPath(path));
    }
}
