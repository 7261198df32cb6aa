using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// The binder's one AMQP connection. The first connection is retried with exponential back-off, so a broker that is
/// briefly down does not fail the host's start; once established, the client's automatic recovery restores the
/// connection, its channels, declarations and consumers after a loss, every <see cref="RabbitMqBinderOptions.RecoveryInterval"/>.
/// </summary>
internal sealed partial class RabbitMqConnection(IOptions<RabbitMqBinderOptions> options, TimeProvider timeProvider, ILogger<RabbitMqConnection> logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;
    private volatile string? _problem;
    private int _disposed;

    /// <summary>The connection once established (open, or recovering), else <see langword="null"/>.</summary>
    public IConnection? Current => _connection;

    /// <summary>Why the connection is not open: the last failed attempt or the loss being recovered; <see langword="null"/> when open.</summary>
    public string? Problem => _problem;

    /// <summary>The broker endpoint without credentials, for logs, errors and health details.</summary>
    public string Endpoint => RabbitMqTopology.Describe(options.Value.Uri);

    public TimeSpan RecoveryInterval => options.Value.RecoveryInterval;

    /// <summary>Whether the first connection is being made (or retried) right now.</summary>
    public bool Connecting => _connection is null && _connecting.CurrentCount == 0;

    /// <summary>The connection, connecting on first use with retries; throws once the attempts are spent.</summary>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } ready)
        {
            return ready;
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await ConnectWithRetriesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>The broker's version from the connection's server properties (Spring Boot's health detail), if it sent one.</summary>
    public static string? ServerVersion(IConnection connection) =>
        connection.ServerProperties is { } properties && properties.TryGetValue("version", out var version)
            ? version is byte[] bytes ? Encoding.UTF8.GetString(bytes) : version?.ToString()
            : null;

    /// <summary>The delay after failed attempt <paramref name="attempt"/> (1-based): initial × multiplier^(attempt-1), at most the maximum.</summary>
    public static TimeSpan RetryDelay(RabbitMqBinderOptions settings, int attempt)
    {
        var delay = settings.ConnectionRetryInitialInterval.TotalMilliseconds * Math.Pow(settings.ConnectionRetryMultiplier, attempt - 1);
        return double.IsFinite(delay) && delay < settings.ConnectionRetryMaxInterval.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(delay)
            : settings.ConnectionRetryMaxInterval;
    }

    private async Task<IConnection> ConnectWithRetriesAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = Endpoint;
        var factory = new ConnectionFactory
        {
            Uri = settings.Uri,
            ClientProvidedName = settings.ConnectionName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = settings.RecoveryInterval,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                Watch(connection);
                _problem = null;
                var version = ServerVersion(connection) ?? "unknown";
                Log.Connected(logger, endpoint, version);
                return connection;
            }
            catch (BrokerUnreachableException ex) when (attempt < settings.ConnectionRetryMaxAttempts && !IsAuthenticationFailure(ex))
            {
                var delay = RetryDelay(settings, attempt);
                _problem = Reason(ex);
                Log.ConnectFailed(logger, endpoint, attempt, settings.ConnectionRetryMaxAttempts, delay, _problem);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerUnreachableException ex)
            {
                _problem = Reason(ex);
                var why = IsAuthenticationFailure(ex) ? "authentication failed, which is not retried" : $"gave up after {attempt} attempt(s)";
                throw new InvalidOperationException(
                    $"Cannot connect to RabbitMQ at {endpoint} ({SectionKey("Uri")}): {why}: {_problem}", ex);
            }
        }
    }

    private void Watch(IConnection connection)
    {
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
            {
                _problem = $"{e.ReplyCode} {e.ReplyText}".Trim();
                Log.ConnectionLost(logger, Endpoint, _problem, RecoveryInterval);
            }

            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            _problem = null;
            Log.Recovered(logger, Endpoint);
            return Task.CompletedTask;
        };
        connection.ConnectionRecoveryErrorAsync += (_, e) =>
        {
            _problem = Reason(e.Exception);
            Log.RecoveryFailed(logger, Endpoint, _problem, RecoveryInterval);
            return Task.CompletedTask;
        };
        connection.CallbackExceptionAsync += (_, e) =>
        {
            Log.CallbackFailed(logger, Endpoint, e.Exception);
            return Task.CompletedTask;
        };
        connection.ConnectionBlockedAsync += (_, e) =>
        {
            Log.Blocked(logger, Endpoint, e.Reason);
            return Task.CompletedTask;
        };
    }

    private static bool IsAuthenticationFailure(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationFailureException)
            {
                return true;
            }
        }

        return false;
    }

    // The client wraps the cause ("Connection refused") in exceptions that only say that something failed; keep the
    // messages that say what, in order: "Connection failed, host 127.0.0.1:5672: Connection refused".
    private static string Reason(Exception ex)
    {
        var parts = new List<string>();
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is not (BrokerUnreachableException or AggregateException) && !parts.Contains(current.Message))
            {
                parts.Add(current.Message);
            }
        }

        return parts.Count == 0 ? ex.Message : string.Join(": ", parts);
    }

    private static string SectionKey(string key) => $"{RabbitMqBinderOptions.SectionName}:{key}";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_connection is not null)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        // _connecting is not disposed: a start still retrying may release it after this; it holds no wait handle.
    }
}
