using Stratus.ConfigServer.Files;
using static Stratus.ConfigServer.Tests.Files.FileTestHelpers;

namespace Stratus.ConfigServer.Tests.Files;

public sealed class YamlScalarTests
{
    private static ConfigScalar Value(string yamlValue) => Get(Single(Yaml("v: " + yamlValue + "\n")), "v").Value;

    [Theory]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("YES", "true")]
    [InlineData("no", "false")]
    [InlineData("No", "false")]
    [InlineData("NO", "false")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("on", "true")]
    [InlineData("On", "true")]
    [InlineData("ON", "true")]
    [InlineData("off", "false")]
    [InlineData("Off", "false")]
    [InlineData("OFF", "false")]
    public void Booleans_AreYaml11(string text, string expected) =>
        Assert.Equal(new ConfigScalar(ScalarKind.Boolean, expected), Value(text));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("+5", "5")]
    [InlineData("0", "0")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x10", "-16")]
    [InlineData("0b1010", "10")]
    [InlineData("0777", "511")]
    [InlineData("1_000", "1000")]
    [InlineData("1:30", "90")]
    [InlineData("-1:00:00", "-3600")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void Integers_AreYaml11(string text, string expected) =>
        Assert.Equal(new ConfigScalar(ScalarKind.Integer, expected), Value(text));

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("1.0", "1.0")]
    [InlineData("1.", "1.0")]
    [InlineData(".5", "0.5")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("6.8523015e+5", "685230.15")]
    [InlineData("1e7", "1.0E7")]
    [InlineData("1.5e-4", "1.5E-4")]
    [InlineData("0.001", "0.001")]
    [InlineData("1_000.5", "1000.5")]
    [InlineData("1:30.5", "90.5")]
    [InlineData(".inf", "Infinity")]
    [InlineData("-.Inf", "-Infinity")]
    [InlineData(".NaN", "NaN")]
    public void Floats_PrintLikeJava(string text, string expected) =>
        Assert.Equal(new ConfigScalar(ScalarKind.Float, expected), Value(text));

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Nulls_BecomeEmptyStrings(string text) => Assert.Equal(ConfigScalar.String(""), Value(text));

    [Theory]
    [InlineData("2001-12-14")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("09")]
    [InlineData("0o17")]
    [InlineData("_1")]
    [InlineData("yEs")]
    [InlineData("hello world")]
    [InlineData("1.2.3")]
    [InlineData("=")]
    public void OtherPlainScalars_AreStrings(string text)
    {
        var value = Value(text);
        Assert.Equal(ScalarKind.String, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("'42'", "42")]
    [InlineData("\"yes\"", "yes")]
    [InlineData("'~'", "~")]
    [InlineData("\"1.5\"", "1.5")]
    [InlineData("\"a\\tb\"", "a\tb")]
    public void QuotedScalars_AreAlwaysStrings(string text, string expected) =>
        Assert.Equal(ConfigScalar.String(expected), Value(text));

    [Fact]
    public void BlockScalars_AreStrings()
    {
        var map = Map(Single(Yaml("lit: |\n  42\n  yes\nfold: >\n  a\n  b\n")));
        Assert.Equal("42\nyes\n", map["lit"]);
        Assert.Equal("a b\n", map["fold"]);
    }

    [Theory]
    [InlineData("!!str 42", "String", "42")]
    [InlineData("!!str yes", "String", "yes")]
    [InlineData("!!int \"12\"", "Integer", "12")]
    [InlineData("!!float 1", "Float", "1.0")]
    [InlineData("!!bool \"on\"", "Boolean", "true")]
    [InlineData("!!null whatever", "String", "")]
    [InlineData("! 42", "String", "42")]
    [InlineData("!<tag:yaml.org,2002:int> 0x10", "Integer", "16")]
    public void StandardTags_AreRespected(string text, string kind, string expected) =>
        Assert.Equal(new ConfigScalar(Enum.Parse<ScalarKind>(kind), expected), Value(text));

    [Fact]
    public void InvalidValueForExplicitTag_Fails()
    {
        var file = Yaml("a: 1\nv: !!int abc\n");
        Assert.Empty(file.Documents);
        Assert.Equal("invalid !!int value at line 2, column 4", file.Error);
    }
}
