using System.Diagnostics;

namespace Stratus.Messaging.Tests.Support;

/// <summary>Polls a condition against a real broker until it holds or the deadline passes.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}");
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        await GetAsync<object>(async () => await condition() ? new object() : null, timeout, what);
}
