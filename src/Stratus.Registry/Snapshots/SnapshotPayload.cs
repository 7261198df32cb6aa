using System.IO.Compression;

namespace Stratus.Registry.Snapshots;

/// <summary>Serialised bytes of one response, with the gzip form made once on first demand.</summary>
internal sealed class SnapshotPayload
{
    private readonly Lazy<byte[]> _gzip;

    public SnapshotPayload(byte[] raw)
    {
        Raw = raw;
        _gzip = new Lazy<byte[]>(() => Compress(raw), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public byte[] Raw { get; }

    public byte[] Gzip => _gzip.Value;

    private static byte[] Compress(byte[] raw)
    {
        using var output = new MemoryStream(raw.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }
}
