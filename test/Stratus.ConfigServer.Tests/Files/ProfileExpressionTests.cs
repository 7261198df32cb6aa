using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Tests.Files;

public sealed class ProfileExpressionTests
{
    private static readonly string[] Active = ["dev", "mysql", "eu west"];

    [Theory]
    [InlineData("dev", true)]
    [InlineData("prod", false)]
    [InlineData("prod,dev", true)]
    [InlineData("prod, test", false)]
    [InlineData("!prod", true)]
    [InlineData("!dev", false)]
    [InlineData("!!dev", true)]
    [InlineData("dev & mysql", true)]
    [InlineData("dev & pg", false)]
    [InlineData("dev|pg", true)]
    [InlineData("prod | pg | mysql", true)]
    [InlineData("dev & (mysql | pg)", true)]
    [InlineData("dev & (oracle | pg)", false)]
    [InlineData("(dev & !prod) | test", true)]
    [InlineData("!(dev & mysql)", false)]
    [InlineData("eu west", true)]
    [InlineData("Dev", false)]
    [InlineData("prod, dev & !mysql, (mysql)", true)]
    public void Matches_LikeSpringProfilesOf(string expression, bool expected) =>
        Assert.Equal(expected, ProfileExpression.Matches(expression, Active));

    [Theory]
    [InlineData("", "must contain text")]
    [InlineData("dev,", "must contain text")]
    [InlineData("a & b | c", "must not be mixed")]
    [InlineData("(a | b", "missing ')'")]
    [InlineData("a)", "unexpected ')'")]
    [InlineData("a &", "expected a profile name")]
    [InlineData("& a", "expected a profile name")]
    [InlineData("()", "expected a profile name")]
    public void InvalidExpression_Throws(string expression, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ProfileExpression.Matches(expression, Active));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid profile expression '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidItem_ThrowsEvenWhenAnEarlierItemMatches() =>
        Assert.Throws<FormatException>(() => ProfileExpression.Matches("dev, a & b | c", Active));

    [Fact]
    public void DeeplyNestedParentheses_ThrowInsteadOfOverflowing() =>
        Assert.Throws<FormatException>(() => ProfileExpression.Matches(new string('(', 100_000) + "dev" + new string(')', 100_000), Active));
}
