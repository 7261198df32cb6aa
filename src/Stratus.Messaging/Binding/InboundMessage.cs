namespace Stratus.Messaging.Binding;

/// <summary>A received message as a binder hands it to the core; <see cref="Body"/> is valid only until the handler completes.</summary>
/// <param name="Body">The payload bytes.</param>
public sealed record InboundMessage(ReadOnlyMemory<byte> Body);
