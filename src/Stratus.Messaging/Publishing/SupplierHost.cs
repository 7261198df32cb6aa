using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.Publishing;

/// <summary>Publishes what an <c>AddSupplier</c> sequence yields, restarting the sequence with back-off when it throws.</summary>
internal sealed partial class SupplierHost<T>(
    string output,
    Func<CancellationToken, IAsyncEnumerable<T>> source,
    IMessagePublisher publisher,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in source(stoppingToken).WithCancellation(stoppingToken).ConfigureAwait(false))
                {
                    await publisher.PublishAsync(output, item, null, stoppingToken).ConfigureAwait(false);
                    delay = FirstDelay;
                }

                Log.Completed(logger, output);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing producer is restarted, never allowed to stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.Failed(logger, output, delay, ex);
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2004, EventName = "MessagingSupplierFailed", Level = LogLevel.Error,
            Message = "Supplier for binding '{Binding}' failed; starting it again in {Delay}")]
        public static partial void Failed(ILogger logger, string binding, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 2005, EventName = "MessagingSupplierCompleted", Level = LogLevel.Information,
            Message = "Supplier for binding '{Binding}' completed")]
        public static partial void Completed(ILogger logger, string binding);
    }
}
