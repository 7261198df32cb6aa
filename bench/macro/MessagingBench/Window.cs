namespace Stratus.Bench.Messaging;

/// <summary>
/// Runs an operation a number of times with a fixed number in flight: each of the window's lanes starts the next
/// operation as soon as its previous one completed, so the window stays full (the same confirm batching for both sides).
/// </summary>
internal static class Window
{
    public static async Task RunAsync(int count, int inFlight, Func<ValueTask> operation)
    {
        var next = -1;
        var lanes = new Task[Math.Min(inFlight, count)];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = LaneAsync();
        }

        await Task.WhenAll(lanes);

        async Task LaneAsync()
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await operation();
            }
        }
    }
}
