using System.Text.Json;
using System.Text.Json.Serialization;
using Stratus.Bus.Events;
using Stratus.Bus.Transport;
using Stratus.Messaging;

namespace Stratus.Bus.Tests.Events;

/// <summary>
/// The bus JSON as Spring writes and reads it. Java-side samples are written by hand from Spring Cloud Bus's classes
/// (spring-cloud-bus/src/main/java/org/springframework/cloud/bus/event/RemoteApplicationEvent.java and its subclasses
/// AckRemoteApplicationEvent.java, EnvironmentChangeRemoteApplicationEvent.java, RefreshRemoteApplicationEvent.java,
/// ShutdownRemoteApplicationEvent.java) and Jackson's defaults: <c>@JsonTypeInfo(use = NAME, property = "type")</c> puts
/// the simple class name first; Jackson 2 (Spring Cloud Bus 4.x) then writes fields superclass first in declaration
/// order (ApplicationEvent's <c>timestamp</c>, then <c>originService</c>, <c>destinationService</c>, <c>id</c>, then the
/// subclass's); Jackson 3 (Spring Cloud Bus 5.x) sorts them alphabetically (SORT_PROPERTIES_ALPHABETICALLY is on by
/// default there); a <c>Class</c> is written as its name; nulls are written.
/// </summary>
public sealed class EventJsonTests
{
    private static readonly JsonSerializerOptions Options = new MessagingJsonOptions().SerializerOptions;
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1724300000000);

    [Fact]
    public void A_refresh_event_is_written_in_Spring_Cloud_Bus_4_field_order()
    {
        var refresh = new RefreshRemoteApplicationEvent
        {
            Id = "c4d374b7-58ea-4928-a312-31984def293b",
            Timestamp = At,
            OriginService = "config-server:8888:8e2b6f0c",
            DestinationService = "customers:**",
        };

        Assert.Equal(
            """{"type":"RefreshRemoteApplicationEvent","timestamp":1724300000000,"originService":"config-server:8888:8e2b6f0c","destinationService":"customers:**","id":"c4d374b7-58ea-4928-a312-31984def293b"}""",
            Write(refresh));
    }

    [Fact]
    public void An_environment_change_carries_its_values_after_the_common_fields()
    {
        var change = new EnvironmentChangeRemoteApplicationEvent
        {
            Id = "0b7d3c4e-1a2b-4c5d-8e9f-001122334455",
            Timestamp = At,
            OriginService = "orders:8080:1f2e",
            DestinationService = "**",
            Values = new Dictionary<string, string?> { ["app.message"] = "hello", ["app.gone"] = null },
        };

        Assert.Equal(
            """{"type":"EnvironmentChangeRemoteApplicationEvent","timestamp":1724300000000,"originService":"orders:8080:1f2e","destinationService":"**","id":"0b7d3c4e-1a2b-4c5d-8e9f-001122334455","values":{"app.message":"hello","app.gone":null}}""",
            Write(change));
    }

    [Fact]
    public void An_ack_names_the_acked_event_and_its_Java_class()
    {
        var ack = new AckRemoteApplicationEvent
        {
            Id = "9a8b7c6d-0000-4000-8000-000000000001",
            Timestamp = At,
            OriginService = "customers:8081:77aa",
            DestinationService = "**",
            AckId = "c4d374b7-58ea-4928-a312-31984def293b",
            AckDestinationService = "customers:**",
            Event = "org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent",
        };

        Assert.Equal(
            """{"type":"AckRemoteApplicationEvent","timestamp":1724300000000,"originService":"customers:8081:77aa","destinationService":"**","id":"9a8b7c6d-0000-4000-8000-000000000001","ackId":"c4d374b7-58ea-4928-a312-31984def293b","ackDestinationService":"customers:**","event":"org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent"}""",
            Write(ack));
    }

    [Fact]
    public void A_shutdown_event_and_null_fields_are_written_as_Jackson_writes_them()
    {
        var shutdown = new ShutdownRemoteApplicationEvent { Id = "11111111-2222-4333-8444-555555555555", Timestamp = At, DestinationService = "customers:9000:**" };

        Assert.Equal(
            """{"type":"ShutdownRemoteApplicationEvent","timestamp":1724300000000,"originService":null,"destinationService":"customers:9000:**","id":"11111111-2222-4333-8444-555555555555"}""",
            Write(shutdown));
    }

    [Theory]
    // Spring Cloud Bus 4.x (Jackson 2): declaration order.
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","timestamp":1724300000000,"originService":"config-server:8888:8e2b","destinationService":"customers:**","id":"c4d374b7-58ea-4928-a312-31984def293b"}""")]
    // Spring Cloud Bus 5.x (Jackson 3): alphabetical after the type id.
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","destinationService":"customers:**","id":"c4d374b7-58ea-4928-a312-31984def293b","originService":"config-server:8888:8e2b","timestamp":1724300000000}""")]
    public void A_Java_refresh_event_is_read_in_either_Jackson_order(string json)
    {
        var refresh = Assert.IsType<RefreshRemoteApplicationEvent>(Read(json));

        Assert.Equal("c4d374b7-58ea-4928-a312-31984def293b", refresh.Id);
        Assert.Equal(At, refresh.Timestamp);
        Assert.Equal("config-server:8888:8e2b", refresh.OriginService);
        Assert.Equal("customers:**", refresh.DestinationService);
    }

    [Theory]
    [InlineData("""{"type":"EnvironmentChangeRemoteApplicationEvent","timestamp":1724300000000,"originService":"admin:8080:aa","destinationService":"customers:**","id":"e1","values":{"app.message":"hi","feature.on":"true"}}""")]
    [InlineData("""{"type":"EnvironmentChangeRemoteApplicationEvent","destinationService":"customers:**","id":"e1","originService":"admin:8080:aa","timestamp":1724300000000,"values":{"app.message":"hi","feature.on":"true"}}""")]
    public void A_Java_environment_change_is_read_with_its_values(string json)
    {
        var change = Assert.IsType<EnvironmentChangeRemoteApplicationEvent>(Read(json));

        Assert.Equal("e1", change.Id);
        Assert.Equal("admin:8080:aa", change.OriginService);
        Assert.Equal(new Dictionary<string, string?> { ["app.message"] = "hi", ["feature.on"] = "true" }, change.Values);
    }

    [Theory]
    [InlineData("""{"type":"AckRemoteApplicationEvent","timestamp":1724300000123,"originService":"customers:8080:5f1c","destinationService":"**","id":"a1","ackId":"c4d3","ackDestinationService":"customers:**","event":"org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent"}""")]
    [InlineData("""{"type":"AckRemoteApplicationEvent","ackDestinationService":"customers:**","ackId":"c4d3","destinationService":"**","event":"org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent","id":"a1","originService":"customers:8080:5f1c","timestamp":1724300000123}""")]
    public void A_Java_ack_is_read_with_what_it_acknowledges(string json)
    {
        var ack = Assert.IsType<AckRemoteApplicationEvent>(Read(json));

        Assert.Equal("c4d3", ack.AckId);
        Assert.Equal("customers:**", ack.AckDestinationService);
        Assert.Equal("org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent", ack.Event);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1724300000123), ack.Timestamp);
    }

    [Fact]
    public void A_Java_shutdown_event_is_read()
    {
        var shutdown = Read("""{"type":"ShutdownRemoteApplicationEvent","timestamp":1724300000000,"originService":"admin:8080:aa","destinationService":"customers:9000:**","id":"s1"}""");

        Assert.IsType<ShutdownRemoteApplicationEvent>(shutdown);
        Assert.Equal("customers:9000:**", shutdown.DestinationService);
    }

    [Theory]
    [InlineData("""{"type":"MyCustomRemoteApplicationEvent","timestamp":1,"originService":"a:1:x","destinationService":"**","id":"u1","payload":{"deep":[1,2,3]}}""", "MyCustomRemoteApplicationEvent")]
    [InlineData("""{"type":"refreshremoteapplicationevent","id":"u1"}""", "refreshremoteapplicationevent")]
    [InlineData("""{"timestamp":1,"originService":"a:1:x","destinationService":"**","id":"u1"}""", null)]
    [InlineData("""{"type":null,"id":"u1"}""", null)]
    public void Unknown_or_missing_types_are_read_as_unknown_events(string json, string? typeInfo)
    {
        var unknown = Assert.IsType<UnknownRemoteApplicationEvent>(Read(json));

        Assert.Equal(typeInfo, unknown.TypeInfo);
        Assert.Equal("u1", unknown.Id);
    }

    [Fact]
    public void Unknown_properties_are_ignored_and_scalars_are_taken_as_text_as_Jackson_does()
    {
        var change = Assert.IsType<EnvironmentChangeRemoteApplicationEvent>(Read(
            """{"source":{"x":1},"type":"EnvironmentChangeRemoteApplicationEvent","timestamp":"1724300000000","id":"e2","values":{"port":8080,"on":false,"gone":null},"extra":[true]}"""));

        Assert.Equal(At, change.Timestamp);
        Assert.Equal(new Dictionary<string, string?> { ["port"] = "8080", ["on"] = "false", ["gone"] = null }, change.Values);
    }

    [Fact]
    public void An_event_without_an_id_gets_a_fresh_one_as_Java_constructors_give()
    {
        var refresh = Read("""{"type":"RefreshRemoteApplicationEvent","destinationService":"**"}""");

        Assert.True(Guid.TryParse(refresh.Id, out _));
        Assert.Equal(default, refresh.Timestamp);
        Assert.Null(refresh.OriginService);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"RefreshRemoteApplicationEvent\"")]
    [InlineData("42")]
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","timestamp":"soon"}""")]
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","timestamp":1.5}""")]
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","timestamp":99999999999999999}""")]
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","originService":{"a":1}}""")]
    [InlineData("""{"type":["RefreshRemoteApplicationEvent"]}""")]
    [InlineData("""{"type":"EnvironmentChangeRemoteApplicationEvent","values":["a"]}""")]
    [InlineData("""{"type":"EnvironmentChangeRemoteApplicationEvent","values":{"a":{"b":"c"}}}""")]
    [InlineData("""{"type":"RefreshRemoteApplicationEvent","id":"x""")]
    public void Malformed_events_fail_with_a_JSON_error_and_nothing_else(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Fact]
    public void Nesting_beyond_the_serializer_depth_limit_fails_as_a_JSON_error()
    {
        var deep = """{"type":"RefreshRemoteApplicationEvent","junk":""" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Throws<JsonException>(() => Read(deep));
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var change = new EnvironmentChangeRemoteApplicationEvent
        {
            Timestamp = At,
            OriginService = "a:1:b",
            DestinationService = "x:**",
            Values = new Dictionary<string, string?> { ["k"] = "v <&> \"quoted\" é" },
        };

        var read = Assert.IsType<EnvironmentChangeRemoteApplicationEvent>(Read(Write(change)));

        Assert.Equal(change.Id, read.Id);
        Assert.Equal(change.Timestamp, read.Timestamp);
        Assert.Equal(change.OriginService, read.OriginService);
        Assert.Equal(change.DestinationService, read.DestinationService);
        Assert.Equal(change.Values, read.Values);
    }

    [Fact]
    public void An_unknown_event_cannot_be_written()
    {
        Assert.Throws<NotSupportedException>(() => Write(new UnknownRemoteApplicationEvent { TypeInfo = "X" }));
    }

    [Fact]
    public void Messaging_JSON_that_resolves_types_through_contexts_gets_the_bus_event_too()
    {
        var json = new MessagingJsonOptions();
        json.SerializerOptions.TypeInfoResolverChain.Insert(0, OtherJsonContext.Default);
        BusBindings.AddTypeInfo(json);

        var text = JsonSerializer.Serialize<RemoteApplicationEvent>(new RefreshRemoteApplicationEvent { Id = "r", Timestamp = At, DestinationService = "**" }, json.SerializerOptions);

        Assert.StartsWith("""{"type":"RefreshRemoteApplicationEvent","timestamp":1724300000000""", text, StringComparison.Ordinal);
        Assert.Equal(3, JsonSerializer.Deserialize<int>("3", json.SerializerOptions));
    }

    private static string Write(RemoteApplicationEvent busEvent) => JsonSerializer.Serialize(busEvent, Options);

    private static RemoteApplicationEvent Read(string json) => JsonSerializer.Deserialize<RemoteApplicationEvent>(json, Options)!;
}

[JsonSerializable(typeof(int))]
internal sealed partial class OtherJsonContext : JsonSerializerContext;
