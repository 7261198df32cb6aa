using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Stratus.ConfigServer.Files;

/// <summary>Strict UTF-8 decoding for configuration files: a leading byte-order mark is dropped, invalid bytes are an error.</summary>
internal static class Utf8Text
{
    /// <summary>Decodes <paramref name="utf8"/>; returns null and an error naming the byte offset when it is not valid UTF-8.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> utf8, out string? error)
    {
        var offset = 0;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
            offset = 3;
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(utf8, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                error = "invalid UTF-8 at byte " + (offset + read).ToString(CultureInfo.InvariantCulture);
                return null;
            }

            error = null;
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
