using System.Collections.ObjectModel;
using Stratus.Messaging.Diagnostics;

namespace Stratus.Messaging.Tests.Diagnostics;

/// <summary>The trace-context getter: exact name first, then the first name equal ignoring case.</summary>
public sealed class MessagingTelemetryTests
{
    public static TheoryData<string> Carriers => ["ordinal", "ignore-case", "read-only"];

    [Theory]
    [MemberData(nameof(Carriers))]
    public void A_header_is_found_by_its_exact_name(string carrier)
    {
        MessagingTelemetry.ReadHeader(Carrier(carrier, ("X-B3-TraceId", "exact")), "X-B3-TraceId", out var value, out var values);

        Assert.Equal("exact", value);
        Assert.Null(values);
    }

    [Theory]
    [MemberData(nameof(Carriers))]
    public void A_header_written_in_another_case_is_found(string carrier)
    {
        MessagingTelemetry.ReadHeader(Carrier(carrier, ("contentType", "application/json"), ("x-b3-traceid", "lower")), "X-B3-TraceId", out var value, out _);

        Assert.Equal("lower", value);
    }

    [Theory]
    [MemberData(nameof(Carriers))]
    public void A_missing_header_reads_as_null(string carrier)
    {
        MessagingTelemetry.ReadHeader(Carrier(carrier, ("contentType", "application/json"), ("traceparent", "00-ab-cd-01")), "b3", out var value, out var values);

        Assert.Null(value);
        Assert.Null(values);
    }

    [Fact]
    public void The_exact_name_wins_over_another_case()
    {
        MessagingTelemetry.ReadHeader(Carrier("ordinal", ("x-b3-traceid", "lower"), ("X-B3-TraceId", "exact")), "X-B3-TraceId", out var value, out _);

        Assert.Equal("exact", value);
    }

    [Fact]
    public void Of_several_names_in_other_cases_the_first_wins()
    {
        MessagingTelemetry.ReadHeader(Carrier("ordinal", ("x-b3-traceid", "first"), ("X-B3-TRACEID", "second")), "X-B3-TraceId", out var value, out _);

        Assert.Equal("first", value);
    }

    [Theory]
    [InlineData(8192, true)]
    [InlineData(8193, false)]
    public void Byte_values_are_read_as_utf8_up_to_8_KiB(int length, bool read)
    {
        var bytes = Enumerable.Repeat((byte)'a', length).ToArray();

        MessagingTelemetry.ReadHeader(Carrier("ordinal", ("TRACEPARENT", bytes)), "traceparent", out var value, out _);

        Assert.Equal(read ? new string('a', length) : null, value);
    }

    [Fact]
    public void Values_that_are_not_text_read_as_null()
    {
        MessagingTelemetry.ReadHeader(Carrier("ordinal", ("Traceparent", 42)), "traceparent", out var value, out _);

        Assert.Null(value);
    }

    private static IReadOnlyDictionary<string, object?> Carrier(string kind, params (string Name, object? Value)[] headers)
    {
        var dictionary = new Dictionary<string, object?>(kind == "ignore-case" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            dictionary.Add(name, value);
        }

        return kind == "read-only" ? new ReadOnlyDictionary<string, object?>(dictionary) : dictionary;
    }
}
