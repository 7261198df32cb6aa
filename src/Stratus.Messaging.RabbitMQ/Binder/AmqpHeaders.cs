using System.Collections;
using System.Text;
using RabbitMQ.Client;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>Headers between the binder contract and AMQP field tables.</summary>
internal static class AmqpHeaders
{
    /// <summary>
    /// The AMQP headers as the core reads them. The client hands AMQP long strings over as UTF-8 bytes; they become
    /// strings, inside nested tables and arrays too, as Spring AMQP's <c>DefaultMessagePropertiesConverter</c> does (it
    /// keeps strings above 1 KiB as raw <c>LongString</c>s; we convert them all, so text is always a string). Integers,
    /// booleans, tables (<see cref="Dictionary{TKey, TValue}"/>), arrays (<see cref="List{T}"/>) and the rest stay as the
    /// client reads them. <c>contentType</c> comes from the AMQP property when no header carries it, as Spring maps it.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ToInbound(IReadOnlyBasicProperties properties)
    {
        var amqp = properties.Headers;
        var headers = new Dictionary<string, object?>(amqp?.Count + 1 ?? 1, StringComparer.Ordinal);
        if (amqp is not null)
        {
            foreach (var (name, value) in amqp)
            {
                headers[name] = Decode(value);
            }
        }

        if (properties.ContentType is { Length: > 0 } contentType)
        {
            headers.TryAdd(MessageHeaders.ContentType, contentType);
        }

        return headers;
    }

    /// <summary>
    /// The outbound headers as an AMQP table, without nulls and without <c>scst_partition</c>: Spring's Rabbit binder
    /// routes by the partition and keeps that header off the wire (its header mapper's <c>!scst_partition</c> pattern).
    /// </summary>
    public static Dictionary<string, object?> ToAmqp(IReadOnlyDictionary<string, object?> headers)
    {
        var amqp = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (value is not null && name != MessageHeaders.Partition)
            {
                amqp[name] = value;
            }
        }

        return amqp;
    }

    private static object? Decode(object? value) => value switch
    {
        byte[] text => Encoding.UTF8.GetString(text),
        IDictionary<string, object?> table => DecodeTable(table),
        IList array => DecodeArray(array),
        _ => value,
    };

    private static Dictionary<string, object?> DecodeTable(IDictionary<string, object?> table)
    {
        var decoded = new Dictionary<string, object?>(table.Count, StringComparer.Ordinal);
        foreach (var (name, value) in table)
        {
            decoded[name] = Decode(value);
        }

        return decoded;
    }

    private static List<object?> DecodeArray(IList array)
    {
        var decoded = new List<object?>(array.Count);
        foreach (var value in array)
        {
            decoded.Add(Decode(value));
        }

        return decoded;
    }
}
