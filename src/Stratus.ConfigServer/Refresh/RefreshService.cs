using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.ConfigServer.Repositories;
using Stratus.ConfigServer.Repositories.Git;

namespace Stratus.ConfigServer.Refresh;

/// <summary>
/// Fetches the repositories in the background at the refresh rate, and at once when a webhook or an admin asks.
/// When something changed it wakes watchers and calls every <see cref="IConfigChangePublisher"/>. With
/// <c>CloneOnStart</c> the first fetch runs before the server accepts requests and a failure stops start-up.
/// </summary>
internal sealed partial class RefreshService(
    CompositeEnvironmentRepository repository,
    ConfigChangeFeed feed,
    IEnumerable<IConfigChangePublisher> publishers,
    IOptions<ConfigServerOptions> options,
    TimeProvider time,
    ILogger<RefreshService> logger) : BackgroundService
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private TaskCompletionSource<bool> _pass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<string> _pending = ["*"];
    private string _trigger = "start";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var git in repository.Repositories.OfType<GitEnvironmentRepository>())
        {
            if (git.Options.CloneOnStart && git.MainStore is { } store)
            {
                await store.RefreshAsync(cancellationToken).ConfigureAwait(false);
                if (!store.Ready.IsCompleted)
                {
                    throw new InvalidOperationException($"Could not clone {store.MaskedUri} on start: {store.LastError}");
                }
            }
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for a fetch now; the task completes after that fetch with whether anything changed.</summary>
    public Task<bool> RequestAsync(IReadOnlyList<string> applications, string trigger)
    {
        lock (_gate)
        {
            _pending = applications;
            _trigger = trigger;
            _wake.TrySetResult();
            return _pass.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Git.RefreshRate > TimeSpan.Zero ? options.Value.Git.RefreshRate : TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            TaskCompletionSource<bool> pass;
            IReadOnlyList<string> applications;
            string trigger;
            lock (_gate)
            {
                pass = _pass;
                _pass = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                applications = _pending;
                trigger = _trigger;
                _pending = ["*"];
                _trigger = "timer";
            }

            var changed = false;
            try
            {
                changed = await repository.RefreshAsync(stoppingToken).ConfigureAwait(false);
                if (changed)
                {
                    feed.Publish();
                    await PublishAsync(new ConfigChange(applications, trigger), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                pass.TrySetCanceled(stoppingToken);
                return;
            }
            finally
            {
                pass.TrySetResult(changed);
            }

            Task wake;
            lock (_gate)
            {
                wake = _wake.Task;
            }

            using (var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                await Task.WhenAny(wake, Task.Delay(interval, time, delay.Token)).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }

    private async Task PublishAsync(ConfigChange change, CancellationToken cancellationToken)
    {
        foreach (var publisher in publishers)
        {
            try
            {
                await publisher.PublishAsync(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPublishFailed(logger, publisher.GetType().Name, e);
            }
        }
    }

    [LoggerMessage(EventId = 1110, EventName = "ChangePublishFailed", Level = LogLevel.Warning, Message = "Change publisher {Publisher} failed")]
    private static partial void LogPublishFailed(ILogger logger, string publisher, Exception exception);
}
