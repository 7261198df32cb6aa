using Stratus.Bus.Addressing;

namespace Stratus.Bus.Tests.Addressing;

/// <summary>Spring's PathServiceMatcher with the DefaultBusPathMatcher: destinations, config names, profiles, origins.</summary>
public sealed class ServiceMatcherTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("**", true)]
    [InlineData("customers:**", true)]
    [InlineData("customers:8080:**", true)]
    [InlineData("customers:8080:5f1c", true)]
    [InlineData("customers:8081:**", false)]
    [InlineData("orders:**", false)]
    public void Destination_is_matched_against_the_bus_id(string? destination, bool expected)
    {
        var matcher = new ServiceMatcher("customers:8080:5f1c", []);

        Assert.Equal(expected, matcher.IsForSelf(destination));
    }

    [Fact]
    public void A_config_name_gets_the_ids_tail_and_is_matched_too()
    {
        var matcher = new ServiceMatcher("customers:8080:5f1c", ["customer-service", "shared"]);

        Assert.True(matcher.IsForSelf("customer-service:**"));
        Assert.True(matcher.IsForSelf("shared:8080:*"));
        Assert.False(matcher.IsForSelf("shared:8081:*"));
        Assert.False(matcher.IsForSelf("other:**"));
    }

    [Fact]
    public void An_id_with_several_profiles_matches_a_destination_for_any_one_of_them()
    {
        var matcher = new ServiceMatcher("customers:dev,cloud:8080:5f1c", []);

        Assert.True(matcher.IsForSelf("customers:dev:**"));
        Assert.True(matcher.IsForSelf("customers:cloud:**"));
        Assert.True(matcher.IsForSelf("customers:dev,cloud:**"));
        Assert.False(matcher.IsForSelf("customers:prod:**"));
    }

    [Theory]
    [InlineData("customers:8080:5f1c", true)]
    [InlineData("customers:8080:*", true)]
    [InlineData("**", true)]
    [InlineData("customers:8081:5f1c", false)]
    [InlineData(null, false)]
    public void Origin_is_used_as_the_pattern_for_from_self_as_in_Spring(string? origin, bool expected)
    {
        var matcher = new ServiceMatcher("customers:8080:5f1c", []);

        Assert.Equal(expected, matcher.IsFromSelf(origin));
    }

    [Fact]
    public void Overlong_destinations_match_nothing()
    {
        var matcher = new ServiceMatcher("customers:8080:5f1c", []);

        Assert.False(matcher.IsForSelf("customers:" + new string('*', 2000)));
    }
}
