using System.Net.Sockets;
using System.Text;

namespace Stratus.Gateway.Tests.Support;

/// <summary>Sends bytes exactly as given over a TCP connection, for requests no HTTP client would write.</summary>
public static class RawHttp
{
    /// <summary>Writes <paramref name="request"/> and returns the status code of the first response (0 if the connection closed first).</summary>
    public static async Task<int> SendAsync(Uri server, string request)
    {
        var text = await ExchangeAsync(server, request, untilClose: false);
        return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status) ? status : 0;
    }

    /// <summary>Writes <paramref name="request"/> and returns what came back: the first line, or all until the server closes.</summary>
    public static async Task<string> ExchangeAsync(Uri server, string request, bool untilClose)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(Encoding.Latin1.GetString(buffer, 0, read));
                if (!untilClose && text.ToString().Contains("\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Reset by the server: no status.
        }

        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Nothing more within the time limit.
        }

        return text.ToString();
    }
}
