using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Eureka;

namespace Stratus.Discovery;

/// <summary>
/// Registers the application once the server listens (in the background: a registry that is down never delays
/// start-up), renews the lease, registers again when the registry has forgotten the instance (404), and
/// deregisters when the host stops, before the server drains.
/// </summary>
internal sealed partial class InstanceRegistration : IHostedLifecycleService, IDiscoveryRegistration, IDisposable
{
    private readonly DiscoveryOptions _options;
    private readonly EurekaTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IServer? _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private InstanceInfo? _instance;
    private volatile bool _registered;
    private Task? _loop;

    public InstanceRegistration(
        IOptions<DiscoveryOptions> options,
        EurekaTransport transport,
        TimeProvider time,
        ILogger<InstanceRegistration> logger,
        IServer? server = null)
    {
        _options = options.Value;
        _transport = transport;
        _time = time;
        _logger = logger;
        _server = server;
    }

    public InstanceInfo? Instance => Volatile.Read(ref _instance);

    public bool IsRegistered => _registered;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_options.Register)
        {
            return Task.CompletedTask;
        }

        var addresses = _server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? (ICollection<string>)[];
        var instance = InstanceInfoFactory.Create(_options, addresses, _time.GetUtcNow().ToUnixTimeMilliseconds(), out var problem);
        if (instance is null)
        {
            Log.NotRegistering(_logger, problem!);
            return Task.CompletedTask;
        }

        Volatile.Write(ref _instance, instance);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (Instance is not { } instance || !_options.Register)
        {
            return;
        }

        if (_options.ShutdownDrainDelay > TimeSpan.Zero && _registered)
        {
            await SetStatusAsync(InstanceStatus.OutOfService, cancellationToken).ConfigureAwait(false);
            await Task.Delay(_options.ShutdownDrainDelay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            var response = await _transport.CancelAsync(instance, cancellationToken).ConfigureAwait(false);
            _registered = false;
            Log.Deregistered(_logger, instance.App, instance.InstanceId, response.StatusCode, response.From.Display);
        }
        catch (Exception ex) when (ex is RegistryUnavailableException or OperationCanceledException)
        {
            Log.DeregisterFailed(_logger, instance.App, instance.InstanceId, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> SetStatusAsync(InstanceStatus status, CancellationToken cancellationToken = default)
    {
        if (Instance is not { } current)
        {
            return false;
        }

        var changed = current with { Status = status, LastDirtyTimestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() };
        Volatile.Write(ref _instance, changed);
        Log.StatusChanging(_logger, changed.App, changed.InstanceId, status);

        // As Spring Cloud's registry does: a status override, which the registry keeps over the status renewals
        // carry (a re-registration alone would not change an UP lease); back to UP removes the override.
        try
        {
            var response = status == InstanceStatus.Up
                ? await _transport.DeleteStatusOverrideAsync(changed, cancellationToken).ConfigureAwait(false)
                : await _transport.StatusUpdateAsync(changed, status, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 404)
            {
                return await RegisterAsync(cancellationToken).ConfigureAwait(false);
            }

            return response.IsSuccess;
        }
        catch (RegistryUnavailableException ex)
        {
            Log.RenewFailed(_logger, changed.App, changed.InstanceId, ex.Message);
            return false;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // A registry that is down: try again soon, backing off to the renewal interval.
        await Backoff.UntilSuccessAsync(RegisterAsync, _options.LeaseRenewalInterval, _time, cancellationToken).ConfigureAwait(false);

        using var timer = new PeriodicTimer(_options.LeaseRenewalInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RenewAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var instance = Instance!;
        try
        {
            var response = await _transport.RenewAsync(instance, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                _registered = true;
                return;
            }

            if (response.StatusCode == 404)
            {
                Log.Forgotten(_logger, instance.App, instance.InstanceId, response.From.Display);
                _registered = false;
                await RegisterAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            Log.RenewRefused(_logger, instance.App, instance.InstanceId, response.StatusCode, response.From.Display);
        }
        catch (RegistryUnavailableException ex)
        {
            Log.RenewFailed(_logger, instance.App, instance.InstanceId, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            var instance = Instance!;
            var response = await _transport.RegisterAsync(instance, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                _registered = true;
                Log.Registered(_logger, instance.App, instance.InstanceId, instance.Status, response.From.Display);
                return true;
            }

            Log.RegisterRefused(_logger, instance.App, instance.InstanceId, response.StatusCode, response.From.Display,
                System.Text.Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 200))));
            return false;
        }
        catch (RegistryUnavailableException ex)
        {
            Log.RegisterFailed(_logger, Instance!.App, ex.Message);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, EventName = "Registered", Level = LogLevel.Information,
            Message = "Registered {AppName}/{InstanceId} as {Status} with {Registry}")]
        public static partial void Registered(ILogger logger, string appName, string instanceId, InstanceStatus status, string registry);

        [LoggerMessage(EventId = 411, EventName = "RegisterRefused", Level = LogLevel.Warning,
            Message = "Registry {Registry} refused to register {AppName}/{InstanceId}: HTTP {StatusCode} {Body}")]
        public static partial void RegisterRefused(ILogger logger, string appName, string instanceId, int statusCode, string registry, string body);

        [LoggerMessage(EventId = 412, EventName = "RegisterFailed", Level = LogLevel.Warning,
            Message = "Could not register {AppName}; will try again: {Reason}")]
        public static partial void RegisterFailed(ILogger logger, string appName, string reason);

        [LoggerMessage(EventId = 413, EventName = "Forgotten", Level = LogLevel.Warning,
            Message = "Registry {Registry} does not know {AppName}/{InstanceId} (404 on renewal); registering again")]
        public static partial void Forgotten(ILogger logger, string appName, string instanceId, string registry);

        [LoggerMessage(EventId = 414, EventName = "RenewRefused", Level = LogLevel.Warning,
            Message = "Registry {Registry} refused the renewal of {AppName}/{InstanceId}: HTTP {StatusCode}")]
        public static partial void RenewRefused(ILogger logger, string appName, string instanceId, int statusCode, string registry);

        [LoggerMessage(EventId = 415, EventName = "RenewFailed", Level = LogLevel.Warning,
            Message = "Could not renew {AppName}/{InstanceId}: {Reason}")]
        public static partial void RenewFailed(ILogger logger, string appName, string instanceId, string reason);

        [LoggerMessage(EventId = 416, EventName = "Deregistered", Level = LogLevel.Information,
            Message = "Deregistered {AppName}/{InstanceId} (HTTP {StatusCode} from {Registry})")]
        public static partial void Deregistered(ILogger logger, string appName, string instanceId, int statusCode, string registry);

        [LoggerMessage(EventId = 417, EventName = "DeregisterFailed", Level = LogLevel.Warning,
            Message = "Could not deregister {AppName}/{InstanceId}; its lease will expire: {Reason}")]
        public static partial void DeregisterFailed(ILogger logger, string appName, string instanceId, string reason);

        [LoggerMessage(EventId = 418, EventName = "StatusChanging", Level = LogLevel.Information,
            Message = "Reporting {AppName}/{InstanceId} as {Status}")]
        public static partial void StatusChanging(ILogger logger, string appName, string instanceId, InstanceStatus status);

        [LoggerMessage(EventId = 419, EventName = "NotRegistering", Level = LogLevel.Warning,
            Message = "Not registering with the registry: {Problem}")]
        public static partial void NotRegistering(ILogger logger, string problem);
    }
}
