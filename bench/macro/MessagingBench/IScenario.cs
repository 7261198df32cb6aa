namespace Stratus.Bench.Messaging;

/// <summary>One measurement, run the same way with the broker's client used directly and with Stratus.</summary>
internal interface IScenario : IAsyncDisposable
{
    /// <summary>The scenario's name in the results, such as <c>rabbit-publish-w64</c>.</summary>
    string Name { get; }

    /// <summary>Publishes or drains <paramref name="messages"/> messages with the client used directly; returns the time taken.</summary>
    Task<RunTime> RunDirectAsync(int messages);

    /// <summary>The same through Stratus.</summary>
    Task<RunTime> RunStratusAsync(int messages);
}
