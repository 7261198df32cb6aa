namespace Stratus.Messaging.Tests.Support;

/// <summary>
/// A second private RabbitMQ node for one test class that stops and starts the broker, so the tests sharing the
/// assembly's node keep running undisturbed in parallel. It boots while those tests run.
/// </summary>
public sealed class IsolatedRabbitMqNode : IAsyncLifetime
{
    public RabbitMqBroker Broker { get; } = new();

    public ValueTask InitializeAsync() => Broker.InitializeAsync();

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
