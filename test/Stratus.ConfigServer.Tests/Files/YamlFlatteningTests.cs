using Stratus.ConfigServer.Files;
using static Stratus.ConfigServer.Tests.Files.FileTestHelpers;

namespace Stratus.ConfigServer.Tests.Files;

public sealed class YamlFlatteningTests
{
    [Fact]
    public void NestedMapsAndSequences_FlattenLikeSpring()
    {
        var doc = Single(Yaml("""
            server:
              port: 8080
              ssl: {enabled: yes}
            list:
              - a
              - name: b
                tags: [x, y]
            empty-list: []
            empty-map: {}
            nothing:
            "dotted.key": v
            """));
        Assert.Equal(
            [
                ("server.port", "8080"), ("server.ssl.enabled", "true"), ("list[0]", "a"), ("list[1].name", "b"),
                ("list[1].tags[0]", "x"), ("list[1].tags[1]", "y"), ("empty-list", ""), ("nothing", ""), ("dotted.key", "v"),
            ],
            doc.Properties.Select(p => (p.Key, p.Value.Text)));
        Assert.Equal(ScalarKind.Integer, Get(doc, "server.port").Value.Kind);
        Assert.Equal(ScalarKind.Boolean, Get(doc, "server.ssl.enabled").Value.Kind);
    }

    [Fact]
    public void NonStringKeys_AreBracketed()
    {
        var map = Map(Single(Yaml("a:\n  1: x\n  '2': y\n  true: z\n  1.5: w\n  '[k]': v\n0x10: top\n")));
        Assert.Equal(
            new Dictionary<string, string> { ["a[1]"] = "x", ["a.2"] = "y", ["a[true]"] = "z", ["a[1.5]"] = "w", ["a[k]"] = "v", ["[16]"] = "top" },
            map);
    }

    [Fact]
    public void FlattenedCollision_KeepsFirstPositionAndLastValue()
    {
        var doc = Single(Yaml("a.b: 1\nc: 2\na:\n  b: 3\n"));
        Assert.Equal([("a.b", "3"), ("c", "2")], doc.Properties.Select(p => (p.Key, p.Value.Text)));
        Assert.Equal(4, Get(doc, "a.b").Line);
    }

    [Fact]
    public void Origins_AreWhereTheValueNodeStarts()
    {
        var doc = Single(Yaml("# c\nserver:\n  port:   8080\nlist:\n  - one\n  -   two\nempty:\n"));
        Assert.Equal((3, 11), (Get(doc, "server.port").Line, Get(doc, "server.port").Column));
        Assert.Equal((5, 5), (Get(doc, "list[0]").Line, Get(doc, "list[0]").Column));
        Assert.Equal((6, 7), (Get(doc, "list[1]").Line, Get(doc, "list[1]").Column));
        Assert.Equal(7, Get(doc, "empty").Line);
    }

    [Fact]
    public void MultiDocumentStream_SkipsEmptyDocuments_AndReadsActivation()
    {
        var file = Yaml("""
            a: 1
            ---
            ---
            ~
            ---
            {}
            ---
            spring:
              config:
                activate:
                  on-profile: dev & !prod
            b: 2
            ---
            spring.config.activate.on-profile: [x, y]
            spring.config.activate.on-cloud-platform: kubernetes
            c: 3
            """);
        Assert.Null(file.Error);
        Assert.Equal(3, file.Documents.Length);
        Assert.Null(file.Documents[0].OnProfile);
        Assert.False(file.Documents[0].OnCloudPlatform);
        Assert.Equal("dev & !prod", file.Documents[1].OnProfile);
        Assert.Equal("dev & !prod", Map(file.Documents[1])["spring.config.activate.on-profile"]);
        Assert.Equal("x,y", file.Documents[2].OnProfile);
        Assert.True(file.Documents[2].OnCloudPlatform);
        Assert.Equal("y", Map(file.Documents[2])["spring.config.activate.on-profile[1]"]);
    }

    [Fact]
    public void NonMappingRoot_IsFlattenedUnderDocument()
    {
        Assert.Equal(new Dictionary<string, string> { ["document"] = "hello" }, Map(Single(Yaml("hello\n"))));
        Assert.Equal(new Dictionary<string, string> { ["document[0]"] = "a", ["document[1]"] = "1" }, Map(Single(Yaml("- a\n- 1\n"))));
    }

    [Fact]
    public void AnchorsAliasesAndMergeKeys_AreResolved()
    {
        var map = Map(Single(Yaml("""
            base: &base
              host: h
              port: 1
            extra: &extra {port: 2, tls: on}
            svc:
              <<: [*base, *extra]
              port: 3
            copy: *base
            name: &n x
            alias-name: *n
            """)));
        Assert.Equal("h", map["svc.host"]);
        Assert.Equal("3", map["svc.port"]);
        Assert.Equal("true", map["svc.tls"]);
        Assert.Equal("h", map["copy.host"]);
        Assert.Equal("x", map["alias-name"]);
        Assert.False(map.ContainsKey("svc.<<"));
    }

    [Fact]
    public void MergeOfScalar_Fails()
    {
        var file = Yaml("a: &a x\nb:\n  <<: *a\n");
        Assert.StartsWith("expected a mapping or list of mappings for merging at line 1", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderedMapTag_IsAMapping()
    {
        var map = Map(Single(Yaml("o: !!omap\n  - a: 1\n  - b: 2\n")));
        Assert.Equal(new Dictionary<string, string> { ["o.a"] = "1", ["o.b"] = "2" }, map);
    }

    [Fact]
    public void UndefinedAlias_Fails()
    {
        var file = Yaml("a: *missing\n");
        Assert.Empty(file.Documents);
        Assert.Equal("undefined alias '*missing' at line 1, column 4", file.Error);
    }

    [Fact]
    public void RecursiveAlias_Fails()
    {
        var file = Yaml("a: &a\n  - *a\n");
        Assert.Equal("recursive alias '*a' at line 2, column 5", file.Error);
    }

    [Fact]
    public void NullKey_Fails()
    {
        Assert.Equal("null key at line 1, column 1", Yaml("~: x\n").Error);
    }
}
