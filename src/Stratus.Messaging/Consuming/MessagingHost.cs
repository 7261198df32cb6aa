using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Consuming;

/// <summary>Binds every registered consumer on start and unbinds them on stop.</summary>
internal sealed partial class MessagingHost(
    IEnumerable<ConsumerRegistration> registrations,
    IServiceProvider services,
    IMessageBinder binder,
    Microsoft.Extensions.Options.IOptions<MessagingOptions> options,
    ILogger<MessagingHost> logger) : IHostedService
{
    private readonly List<IAsyncDisposable> _consumers = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations)
        {
            var settings = options.Value.GetBinding(registration.Binding);
            var binding = new ConsumerBinding(registration.Binding, settings.ResolveDestination(registration.Binding), settings.Group, settings.Prefetch)
            {
                Partitioned = settings.Partitioned,
                InstanceIndex = settings.InstanceIndex ?? options.Value.InstanceIndex,
                InstanceCount = settings.InstanceCount ?? options.Value.InstanceCount,
            };
            _consumers.Add(await binder.BindConsumerAsync(binding, registration.CreatePipeline(services), cancellationToken).ConfigureAwait(false));
            Log.ConsumerBound(logger, binding.Name, binding.Destination, binding.Group ?? "(anonymous)");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync().ConfigureAwait(false);
        }

        _consumers.Clear();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "MessagingConsumerBound", Level = LogLevel.Information,
            Message = "Consumer for binding '{Binding}' bound to destination '{Destination}', group {Group}")]
        public static partial void ConsumerBound(ILogger logger, string binding, string destination, string group);
    }
}
