using System.Diagnostics;
using OpenTelemetry;

namespace Stratus.Observability.Tests.Support;

/// <summary>
/// The test's own HTTP calls: no trace headers of their own and no client span, so the service under test sees exactly
/// the headers a test sets.
/// </summary>
public static class TestClient
{
    public static async Task<HttpResponseMessage> SendAsync(Uri uri, IDictionary<string, string>? headers = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var suppress = SuppressInstrumentationScope.Begin();
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; the timeout is generous, the check is not about timing.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, Action? beforeEachCheck = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            beforeEachCheck?.Invoke();
            if (condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
