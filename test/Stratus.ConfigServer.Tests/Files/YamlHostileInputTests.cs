using System.Diagnostics;
using System.Text;
using Stratus.ConfigServer.Files;
using static Stratus.ConfigServer.Tests.Files.FileTestHelpers;

namespace Stratus.ConfigServer.Tests.Files;

public sealed class YamlHostileInputTests
{
    [Fact]
    public void BillionLaughs_FailsFast()
    {
        var text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            text.Append(c).Append(": &").Append(c).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        var file = Yaml(text.ToString());
        watch.Stop();

        Assert.Empty(file.Documents);
        // Fails on whichever bound trips first: the expanded size or the number of aliases.
        Assert.Contains("aliases", file.Error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), "took " + watch.Elapsed);
    }

    [Fact]
    public void AliasExpansionWithinAliasLimit_FailsOnExpandedSize()
    {
        // 24 levels of two aliases each stays under 50 aliases but doubles 24 times (16 million nodes).
        var text = new StringBuilder("l0: &l0 [x, y]\n");
        for (var i = 1; i <= 24; i++)
        {
            text.Append('l').Append(i).Append(": &l").Append(i).Append(" [*l").Append(i - 1).Append(", *l").Append(i - 1).Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        var file = Yaml(text.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), "took " + watch.Elapsed);
        Assert.Empty(file.Documents);
        Assert.StartsWith("document expands to more than 400000 nodes through aliases at line ", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyAliasesToCollections_Fail()
    {
        var text = "base: &b {x: 1}\n" + string.Concat(Enumerable.Range(0, 51).Select(i => "c" + i + ": *b\n"));
        Assert.Equal("more than 50 aliases to collections at line 52, column 6", Yaml(text).Error);
        Assert.Null(Yaml("base: &b x\n" + string.Concat(Enumerable.Range(0, 500).Select(i => "c" + i + ": *b\n"))).Error);
    }

    [Fact]
    public void DeepNesting_Fails()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            text.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        text.Append(' ', 120).Append("leaf: 1\n");
        var file = Yaml(text.ToString());
        Assert.Empty(file.Documents);
        Assert.Equal("nesting deeper than 50 levels at line 51, column 101", file.Error);
    }

    [Fact]
    public void DeepFlowNesting_FailsWithoutStackOverflow()
    {
        var file = Yaml(new string('[', 100_000) + new string(']', 100_000));
        Assert.Empty(file.Documents);
        Assert.StartsWith("nesting deeper than 50 levels", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingAtTheLimit_IsAccepted()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 50; i++)
        {
            text.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        text.Length--;
        text.Append(" v\n");
        var doc = Single(Yaml(text.ToString()));
        Assert.Equal(string.Join('.', Enumerable.Range(0, 50).Select(i => "k" + i)), Assert.Single(doc.Properties).Key);
    }

    [Fact]
    public void OversizedFile_FailsBeforeParsing()
    {
        var bytes = new byte[4 * 1024 * 1024];
        Array.Fill(bytes, (byte)'[');
        var file = YamlFileParser.Parse(bytes, YamlLimits.Default);
        Assert.Equal("YAML file is 4194304 bytes, more than the limit of 3145728", file.Error);
    }

    [Theory]
    [InlineData("x: !!java.lang.Runtime {}\n", "unsupported tag '!!java.lang.Runtime' at line 1, column 4")]
    [InlineData("a: 1\nx: !foo bar\n", "unsupported tag '!foo' at line 2, column 4")]
    [InlineData("x: !<tag:yaml.org,2002:javax.script.ScriptEngineManager> [x]\n", "unsupported tag '!!javax.script.ScriptEngineManager' at line 1, column 4")]
    [InlineData("x: !!binary aGVsbG8=\n", "unsupported tag '!!binary' at line 1, column 4")]
    [InlineData("x: !!map [a]\n", "unsupported tag '!!map' at line 1, column 4")]
    public void UnknownTags_Fail(string text, string error)
    {
        var file = Yaml(text);
        Assert.Empty(file.Documents);
        Assert.Equal(error, file.Error);
    }

    [Fact]
    public void DuplicateKey_Fails()
    {
        var file = Yaml("a: 1\nb:\n  c: 1\n  c: 2\n");
        Assert.Empty(file.Documents);
        Assert.Equal("duplicate key 'c' at line 4, column 3", file.Error);
        Assert.Equal("duplicate key 'true' at line 2, column 1", Yaml("yes: 1\ntrue: 2\n").Error);
        Assert.Null(Yaml("1: a\n'1': b\n").Error);
    }

    [Fact]
    public void InvalidUtf8_Fails()
    {
        var file = YamlFileParser.Parse([(byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n'], YamlLimits.Default);
        Assert.Empty(file.Documents);
        Assert.Equal("invalid UTF-8 at byte 3", file.Error);
    }

    [Fact]
    public void SyntaxError_FailsWithPosition()
    {
        var file = Yaml("a: 1\nb: [unclosed\nc: 2\n");
        Assert.Empty(file.Documents);
        Assert.StartsWith("YAML syntax error ", file.Error, StringComparison.Ordinal);
        Assert.Matches(@"line [23], column \d+: \S", file.Error);

        var indentation = Yaml("a:\n  b: 1\n c: 2\n");
        Assert.Empty(indentation.Documents);
        Assert.Matches(@"^YAML syntax error at line 3, column \d+: \S", indentation.Error);
    }

    [Fact]
    public void ErrorMessages_NeverEchoTheFile()
    {
        var secret = new string('s', 10_000);
        var file = Yaml("k: v\n" + secret + ": [\n");
        Assert.NotNull(file.Error);
        Assert.True(file.Error.Length < 400, file.Error);
        var tag = Yaml("x: !" + secret + " y\n");
        Assert.True(tag.Error!.Length < 200, tag.Error);
    }

    [Fact]
    public void TooManyProperties_Fails()
    {
        var limits = YamlLimits.Default with { MaxProperties = 10 };
        var text = string.Concat(Enumerable.Range(0, 11).Select(i => "k" + i + ": v\n"));
        var file = YamlFileParser.Parse(Encoding.UTF8.GetBytes(text), limits);
        Assert.Equal("YAML file has more than 10 properties", file.Error);
        Assert.Null(YamlFileParser.Parse(Encoding.UTF8.GetBytes(text), YamlLimits.Default).Error);
    }
}
