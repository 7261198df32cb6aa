using Stratus.ConfigServer.Files;
using static Stratus.ConfigServer.Tests.Files.FileTestHelpers;

namespace Stratus.ConfigServer.Tests.Files;

public sealed class PropertiesFileParserTests
{
    [Fact]
    public void Separators_AreEqualsColonOrWhitespace()
    {
        var doc = Single(Properties("a=1\nb:2\nc 3\nd = 4\ne\t:\t5\nf   six seven\n"));
        Assert.Equal(
            [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5"), ("f", "six seven")],
            doc.Properties.Select(p => (p.Key, p.Value.Text)));
        Assert.All(doc.Properties, p => Assert.Equal(ScalarKind.String, p.Value.Kind));
    }

    [Fact]
    public void CommentsAndLeadingWhitespace_AreSkipped()
    {
        var doc = Single(Properties("# comment\n! other comment\n   key = value\n\t# indented comment\n\n  other=x # not a comment\n"));
        Assert.Equal(new Dictionary<string, string> { ["key"] = "value", ["other"] = "x # not a comment" }, Map(doc));
    }

    [Fact]
    public void Escapes_AreDecoded()
    {
        var doc = Single(Properties(@"tab=a\tb
nl=a\nb
cr=a\rb
ff=a\fb
uni=caf\u00e9 \u0041
backslash=a\\b
key\ with\ spaces=v
key\=eq\:colon=w
other=\x\#
"));
        var map = Map(doc);
        Assert.Equal("a\tb", map["tab"]);
        Assert.Equal("a\nb", map["nl"]);
        Assert.Equal("a\rb", map["cr"]);
        Assert.Equal("a\fb", map["ff"]);
        Assert.Equal("café A", map["uni"]);
        Assert.Equal(@"a\b", map["backslash"]);
        Assert.Equal("v", map["key with spaces"]);
        Assert.Equal("w", map["key=eq:colon"]);
        Assert.Equal("x#", map["other"]);
    }

    [Fact]
    public void MalformedUnicodeEscape_Fails()
    {
        var file = Properties("a=\\u12zz\n");
        Assert.Empty(file.Documents);
        Assert.Contains("\\uXXXX", file.Error, StringComparison.Ordinal);
        Assert.Contains("line 1", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Continuations_JoinLinesWithoutLeadingWhitespace()
    {
        var doc = Single(Properties("list=a,\\\n    b,\\\r\n\t c\nnext=1\r\nlast = end\\\n"));
        Assert.Equal(new Dictionary<string, string> { ["list"] = "a,b,c", ["next"] = "1", ["last"] = "end" }, Map(doc));
        Assert.Equal(4, Get(doc, "next").Line);
    }

    [Fact]
    public void ManyContinuationLines_DoNotOverflowTheStack()
    {
        var text = "a=x" + string.Concat(Enumerable.Repeat("\\\n", 200_000)) + "y\n";
        Assert.Equal("xy", Map(Single(Properties(text)))["a"]);
    }

    [Fact]
    public void RepeatedKey_KeepsFirstPositionAndLastValue()
    {
        var doc = Single(Properties("a=1\nb=2\na=3\n"));
        Assert.Equal([("a", "3"), ("b", "2")], doc.Properties.Select(p => (p.Key, p.Value.Text)));
        Assert.Equal(3, Get(doc, "a").Line);
    }

    [Fact]
    public void KeyWithoutValue_IsEmptyString_AndTrailingWhitespaceIsKept()
    {
        var map = Map(Single(Properties("flag\nempty=\nspaced=v  \n=ignored\n")));
        Assert.Equal(new Dictionary<string, string> { ["flag"] = "", ["empty"] = "", ["spaced"] = "v  " }, map);
    }

    [Fact]
    public void ListShortcut_IsExpanded()
    {
        var doc = Single(Properties("names[]=a, b,,c\n"));
        Assert.Equal(
            [("names[0]", "a"), ("names[1]", "b"), ("names[2]", ""), ("names[3]", "c")],
            doc.Properties.Select(p => (p.Key, p.Value.Text)));
        Assert.Equal(12, Get(doc, "names[1]").Column);
    }

    [Fact]
    public void Origins_AreOneBasedLineAndColumnOfValue()
    {
        var doc = Single(Properties("# header\nserver.port = 8080\n  name:demo\n"));
        Assert.Equal((2, 15), (Get(doc, "server.port").Line, Get(doc, "server.port").Column));
        Assert.Equal((3, 8), (Get(doc, "name").Line, Get(doc, "name").Column));
    }

    [Fact]
    public void DocumentSeparators_SplitDocuments_AndEmptyDocumentsAreDropped()
    {
        var file = Properties("a=1\n#---\nb=2\n!---\n#---\nc=3\nspring.config.activate.on-profile=dev,prod\n#---   \n#---\n");
        Assert.Null(file.Error);
        Assert.Equal(3, file.Documents.Length);
        Assert.Equal("1", Map(file.Documents[0])["a"]);
        Assert.Equal("2", Map(file.Documents[1])["b"]);
        Assert.Equal("3", Map(file.Documents[2])["c"]);
        Assert.Null(file.Documents[0].OnProfile);
        Assert.Equal("dev,prod", file.Documents[2].OnProfile);
        Assert.Equal(6, Get(file.Documents[2], "c").Line);
    }

    [Fact]
    public void SeparatorLookalikes_AreComments()
    {
        var file = Properties("a=1\n  #---\nb=2\n#----\nc=3\n#--- x\nd=4\n");
        Assert.Equal(["a", "b", "c", "d"], Single(file).Properties.Select(p => p.Key));
    }

    [Fact]
    public void SeparatorNextToCommentWithSamePrefix_IsNotASeparator()
    {
        var before = Properties("a=1\n# section\n#---\nb=2\n");
        Assert.Equal(["a", "b"], Single(before).Properties.Select(p => p.Key));

        var after = Properties("a=1\n#---\n# section\nb=2\n");
        Assert.Equal(["a", "b"], Single(after).Properties.Select(p => p.Key));

        var otherPrefix = Properties("a=1\n# section\n!---\nb=2\n");
        Assert.Equal(2, otherPrefix.Documents.Length);
    }

    [Fact]
    public void ActivationProperties_AreReadAndKept()
    {
        var doc = Single(Properties("spring.config.activate.on-cloud-platform=kubernetes\nspring.config.activate.on-profile[]=a,b\n"));
        Assert.True(doc.OnCloudPlatform);
        Assert.Equal("a,b", doc.OnProfile);
        Assert.Equal("kubernetes", Map(doc)["spring.config.activate.on-cloud-platform"]);
    }

    [Fact]
    public void InvalidUtf8_Fails()
    {
        var file = PropertiesFileParser.Parse([(byte)'a', (byte)'=', 0xC3, 0x28]);
        Assert.Empty(file.Documents);
        Assert.Equal("invalid UTF-8 at byte 2", file.Error);
    }

    [Fact]
    public void Utf8ValuesAndBom_AreDecoded()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("greeting=héllo wörld ✓\n"u8.ToArray()).ToArray();
        Assert.Equal("héllo wörld ✓", Map(Single(PropertiesFileParser.Parse(bytes)))["greeting"]);
    }

    [Fact]
    public void EmptyOrCommentOnlyFile_HasNoDocuments()
    {
        var file = Properties("# nothing\n\n!\n");
        Assert.Null(file.Error);
        Assert.Empty(file.Documents);
    }
}
