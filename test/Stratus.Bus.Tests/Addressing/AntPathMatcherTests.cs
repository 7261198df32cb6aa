using Stratus.Bus.Addressing;

namespace Stratus.Bus.Tests.Addressing;

/// <summary>
/// Spring's AntPathMatcher expectations (spring-core's AntPathMatcherTests.match), with the bus's <c>:</c> in place of
/// <c>/</c>, so a destination matches here exactly where it matches in a Java service.
/// </summary>
public sealed class AntPathMatcherTests
{
    [Theory]
    // Literal segments.
    [InlineData("test", "test", true)]
    [InlineData(":test", ":test", true)]
    [InlineData("https://example.org", "https://example.org", true)]
    [InlineData(":test.jpg", "test.jpg", false)]
    [InlineData("test", ":test", false)]
    [InlineData(":test", "test", false)]
    // '?' is one character.
    [InlineData("t?st", "test", true)]
    [InlineData("??st", "test", true)]
    [InlineData("tes?", "test", true)]
    [InlineData("te??", "test", true)]
    [InlineData("?es?", "test", true)]
    [InlineData("tes?", "tes", false)]
    [InlineData("tes?", "testt", false)]
    [InlineData("tes?", "tsst", false)]
    // '*' is any characters within a segment.
    [InlineData("*", "test", true)]
    [InlineData("test*", "test", true)]
    [InlineData("test*", "testTest", true)]
    [InlineData("test:*", "test:Test", true)]
    [InlineData("test:*", "test:t", true)]
    [InlineData("test:*", "test:", true)]
    [InlineData("*test*", "AnothertestTest", true)]
    [InlineData("*test", "Anothertest", true)]
    [InlineData("*.*", "test.", true)]
    [InlineData("*.*", "test.test", true)]
    [InlineData("*.*", "test.test.test", true)]
    [InlineData("test*aaa", "testblaaaa", true)]
    [InlineData("test*", "tst", false)]
    [InlineData("test*", "tsttest", false)]
    [InlineData("test*", "test:", false)]
    [InlineData("test*", "test:t", false)]
    [InlineData("test:*", "test", false)]
    [InlineData("*test*", "tsttst", false)]
    [InlineData("*test", "tsttst", false)]
    [InlineData("*.*", "tsttst", false)]
    [InlineData("test*aaa", "test", false)]
    [InlineData("test*aaa", "testblaaab", false)]
    // '?' and '*' together.
    [InlineData(":?", ":a", true)]
    [InlineData(":?:a", ":a:a", true)]
    [InlineData(":a:?", ":a:b", true)]
    [InlineData(":??:a", ":aa:a", true)]
    [InlineData(":a:??", ":a:bb", true)]
    // '**' is any number of segments.
    [InlineData(":**", ":testing:testing", true)]
    [InlineData(":*:**", ":testing:testing", true)]
    [InlineData(":**:*", ":testing:testing", true)]
    [InlineData(":bla:**:bla", ":bla:testing:testing:bla", true)]
    [InlineData(":bla:**:bla", ":bla:testing:testing:bla:bla", true)]
    [InlineData(":**:test", ":bla:bla:test", true)]
    [InlineData(":bla:**:**:bla", ":bla:bla:bla:bla:bla:bla", true)]
    [InlineData(":bla*bla:test", ":blaXXXbla:test", true)]
    [InlineData(":*bla:test", ":XXXbla:test", true)]
    [InlineData(":bla*bla:test", ":blaXXXbl:test", false)]
    [InlineData(":*bla:test", "XXXblab:test", false)]
    [InlineData(":*bla:test", "XXXbl:test", false)]
    [InlineData(":????", ":bala:bla", false)]
    [InlineData(":**:*bla", ":bla:bla:bla:bbb", false)]
    [InlineData(":*bla*:**:bla:**", ":XXXblaXXXX:testing:testing:bla:testing:testing:", true)]
    [InlineData(":*bla*:**:bla:*", ":XXXblaXXXX:testing:testing:bla:testing", true)]
    [InlineData(":*bla*:**:bla:**", ":XXXblaXXXX:testing:testing:bla:testing:testing", true)]
    [InlineData(":*bla*:**:bla:**", ":XXXblaXXXX:testing:testing:bla:testing:testing.jpg", true)]
    [InlineData("*bla*:**:bla:**", "XXXblaXXXX:testing:testing:bla:testing:testing:", true)]
    [InlineData("*bla*:**:bla:*", "XXXblaXXXX:testing:testing:bla:testing", true)]
    [InlineData("*bla*:**:bla:**", "XXXblaXXXX:testing:testing:bla:testing:testing", true)]
    [InlineData("*bla*:**:bla:*", "XXXblaXXXX:testing:testing:bla:testing:testing", false)]
    [InlineData(":x:x:**:bla", ":x:x:x:", false)]
    [InlineData(":foo:bar:**", ":foo:bar", true)]
    [InlineData("", "", true)]
    // '{name}' variables take a whole segment part; Spring compiles with DOTALL, so line breaks match too.
    [InlineData(":{bla}.*", ":testing.html", true)]
    [InlineData(":{bla}", ":x\ny", true)]
    [InlineData(":*", ":x\ny", true)]
    [InlineData(":?", ":\n", true)]
    // The bus's own shapes.
    [InlineData("**", "customers:8080:5f1c", true)]
    [InlineData("**", "customers", true)]
    [InlineData("customers:**", "customers:8080:5f1c", true)]
    [InlineData("customers:**", "customers", true)]
    [InlineData("customers:**", "customers-v2:8080:5f1c", false)]
    [InlineData("customers:**", "Customers:8080:5f1c", false)]
    [InlineData("customers:9000:**", "customers:9000:5f1c", true)]
    [InlineData("customers:9000:**", "customers:9001:5f1c", false)]
    [InlineData("*:**", "orders:8080:aa", true)]
    [InlineData("cust*:**", "customers:8080:aa", true)]
    [InlineData("customers:*", "customers:8080:aa", false)]
    [InlineData("customers::**", "customers:8080", true)]
    public void Matches_as_Springs_AntPathMatcher_with_a_colon_separator(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, AntPathMatcher.Match(pattern, path));
    }

    [Fact]
    public void A_hostile_pattern_against_a_long_id_is_answered_quickly_enough_to_not_matter()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 500)) + ":**:" + string.Concat(Enumerable.Repeat("*b", 400));
        var path = new string('a', 1000) + ":" + string.Join(':', Enumerable.Repeat("x", 300));

        Assert.False(AntPathMatcher.Match(pattern, path));
    }
}
