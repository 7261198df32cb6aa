using Stratus.Messaging.Tests.Support;

namespace Stratus.Bus.Tests.Support;

/// <summary>Waiting on real components, and each test's own bus destination so parallel tests never hear each other.</summary>
public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string NewDestination() => "bus-test-" + Guid.NewGuid().ToString("N")[..12];

    public static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(condition()), Timeout, what);

    public static Task<BusTap.Received> ForAsync(BusTap tap, string type, Func<System.Text.Json.JsonElement, bool>? match, string what) =>
        Eventually.GetAsync(() => Task.FromResult(tap.Find(type, match)), Timeout, what);
}
