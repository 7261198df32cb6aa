using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Consuming;

/// <summary>One <c>AddConsumer</c> call: the binding and how to build its pipeline once the container exists.</summary>
internal sealed record ConsumerRegistration(string Binding, Func<IServiceProvider, Func<InboundMessage, CancellationToken, Task>> CreatePipeline);
