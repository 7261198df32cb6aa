namespace Stratus.Messaging.Binding;

/// <summary>What a binder needs to consume one binding.</summary>
/// <param name="Name">The binding name.</param>
/// <param name="Destination">The destination (a topic exchange on RabbitMQ).</param>
/// <param name="Group">The consumer group, or <see langword="null"/> for an anonymous subscription.</param>
/// <param name="Prefetch">Unacknowledged messages delivered at a time.</param>
public sealed record ConsumerBinding(string Name, string Destination, string? Group, int Prefetch);
