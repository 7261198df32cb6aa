using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>
/// The <c>spring_json_header_types</c> bytes of recently seen header sets. A publisher sends the same headers with the
/// same types record after record, so the JSON is written once per set and then shared. Bounded and direct-mapped: a
/// stream of ever-new header names replaces entries instead of growing the cache. Entries are immutable, so readers
/// need no lock.
/// </summary>
internal sealed class HeaderTypesCache
{
    /// <summary>Slots in the process-wide cache; a set whose slot is taken by another set is written again.</summary>
    public const int DefaultCapacity = 64;

    private static readonly JsonWriterOptions TypesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Entry?[] _entries;

    public HeaderTypesCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry?[capacity];
    }

    public static HeaderTypesCache Shared { get; } = new();

    /// <summary>
    /// The JSON object of <paramref name="types"/> (header name to Java class, in order). The array returned may be
    /// shared with other records: it must not be changed.
    /// </summary>
    public byte[] GetBytes(ReadOnlySpan<KeyValuePair<string, string>> types)
    {
        var hash = Hash(types);
        ref var slot = ref _entries[(int)((uint)hash % (uint)_entries.Length)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Hash == hash && entry.Matches(types))
        {
            return entry.Bytes;
        }

        var bytes = Write(types);
        Volatile.Write(ref slot, new Entry(hash, types.ToArray(), bytes));
        return bytes;
    }

    /// <summary>Writes the JSON without the cache: what every record paid before the cache.</summary>
    public static byte[] Write(ReadOnlySpan<KeyValuePair<string, string>> types)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * types.Length);
        using (var writer = new Utf8JsonWriter(buffer, TypesJson))
        {
            writer.WriteStartObject();
            foreach (var (name, javaType) in types)
            {
                writer.WriteString(name, javaType);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static int Hash(ReadOnlySpan<KeyValuePair<string, string>> types)
    {
        var hash = new HashCode();
        foreach (var (name, javaType) in types)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(javaType, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private sealed class Entry(int hash, KeyValuePair<string, string>[] types, byte[] bytes)
    {
        public int Hash { get; } = hash;

        public byte[] Bytes { get; } = bytes;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, string>> other)
        {
            if (other.Length != types.Length)
            {
                return false;
            }

            for (var i = 0; i < other.Length; i++)
            {
                if (!string.Equals(other[i].Key, types[i].Key, StringComparison.Ordinal) || !string.Equals(other[i].Value, types[i].Value, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
