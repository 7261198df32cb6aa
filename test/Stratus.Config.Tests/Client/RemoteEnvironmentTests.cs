using System.Text;
using Stratus.Config.Client;

namespace Stratus.Config.Tests.Client;

public sealed class RemoteEnvironmentTests
{
    [Fact]
    public void V1_and_v2_answers_give_the_same_snapshot_with_the_first_source_winning()
    {
        const string V1 = """
            {"name":"orders","profiles":["dev"],"label":"main","version":"abc","state":null,"propertySources":[
              {"name":"repo/orders-dev.yml","source":{"greeting":"dev","port":8081,"flag":true,"list[0]":"a"}},
              {"name":"repo/orders.yml","source":{"greeting":"default","only":"base","empty":null}}]}
            """;
        const string V2 = """
            {"name":"orders","profiles":["dev"],"label":"main","version":"abc","state":null,"propertySources":[
              {"name":"repo/orders-dev.yml","source":{"greeting":{"value":"dev","origin":"o"},"port":{"value":8081},"flag":{"value":true},"list[0]":{"value":"a"}}},
              {"name":"repo/orders.yml","source":{"greeting":{"value":"default"},"only":{"value":"base"},"empty":{"value":null}}}]}
            """;
        var builder = new SnapshotBuilder(() => null);
        var v1 = builder.Build(RemoteEnvironment.Parse(Encoding.UTF8.GetBytes(V1)), null, DateTimeOffset.UnixEpoch);
        var v2 = builder.Build(RemoteEnvironment.Parse(Encoding.UTF8.GetBytes(V2)), null, DateTimeOffset.UnixEpoch);

        Assert.Equal("dev", v1.Data["greeting"]);
        Assert.Equal("8081", v1.Data["port"]);
        Assert.Equal("true", v1.Data["flag"]);
        Assert.Equal("a", v1.Data["list:0"]);
        Assert.Equal("base", v1.Data["only"]);
        Assert.Equal(string.Empty, v1.Data["empty"]);
        Assert.Equal("abc", v1.Data["config:client:version"]);
        Assert.True(v1.SameData(v2));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"propertySources":{}}""")]
    [InlineData("""{"propertySources":[{"name":"x"}]}""")]
    [InlineData("""{"propertySources":[{"name":"x","source":{"a":[1,2]}}]}""")]
    public void Wrong_shapes_are_format_errors(string json) =>
        Assert.Throws<FormatException>(() => RemoteEnvironment.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Deep_nesting_is_refused() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RemoteEnvironment.Parse(Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100))));
}
