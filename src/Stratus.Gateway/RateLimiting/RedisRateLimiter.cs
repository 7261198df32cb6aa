using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Stratus.Gateway.RateLimiting;

/// <summary>
/// Token buckets in Redis, shared by every gateway instance, with Spring's key layout
/// (<c>request_rate_limiter.{id}.tokens</c> and <c>.timestamp</c>) and arithmetic; one Lua script per request, timed by the
/// Redis server's clock so instances agree. When Redis cannot answer, the request is let through (fail open, Spring's
/// behaviour) or refused (fail closed) as configured, and the failure is logged and shown in health either way.
/// </summary>
internal sealed partial class RedisRateLimiter : IRateLimiter, IAsyncDisposable
{
    private const string Script = """
        local rate = tonumber(ARGV[1])
        local capacity = tonumber(ARGV[2])
        local requested = tonumber(ARGV[3])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
        local ttl = math.ceil(capacity / rate * 2)
        local tokens = tonumber(redis.call('GET', KEYS[1])) or capacity
        local last = tonumber(redis.call('GET', KEYS[2])) or now
        local filled = math.min(capacity, tokens + math.max(0, now - last) * rate)
        local allowed = 0
        if filled >= requested then
          filled = filled - requested
          allowed = 1
        end
        redis.call('SET', KEYS[1], tostring(filled), 'EX', ttl)
        redis.call('SET', KEYS[2], tostring(now), 'EX', ttl)
        return { allowed, math.floor(filled) }
        """;

    private readonly RateLimiterRedisOptions _options;
    private readonly ILogger<RedisRateLimiter> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private long _lastAlarm;

    public RedisRateLimiter(RateLimiterRedisOptions options, ILogger<RedisRateLimiter> logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync);
    }

    /// <summary>The last failure, when Redis did not answer recently (for health).</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    public bool FailOpen => _options.FailOpen;

    public async ValueTask<RateLimitDecision> TryTakeAsync(string bucket, BucketSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var redis = await _connection.Value.ConfigureAwait(false);
            var safe = bucket.Replace('{', '(').Replace('}', ')');
            RedisKey[] keys = [$"request_rate_limiter.{{{safe}}}.tokens", $"request_rate_limiter.{{{safe}}}.timestamp"];
            RedisValue[] values = [settings.ReplenishRate, settings.BurstCapacity, settings.RequestedTokens];
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, values).ConfigureAwait(false))!;
            LastError = null;
            return new RateLimitDecision((long)result[0] == 1, (long)result[1]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            LastError = e.Message;
            LastErrorAt = _time.GetUtcNow();
            var now = _time.GetTimestamp();
            if (_lastAlarm == 0 || _time.GetElapsedTime(Interlocked.Read(ref _lastAlarm), now) > TimeSpan.FromSeconds(10))
            {
                Interlocked.Exchange(ref _lastAlarm, now);
                Log.RedisDown(_logger, _options.FailOpen ? "lets requests through (fail open)" : "refuses requests (fail closed)", e.Message);
            }

            return new RateLimitDecision(_options.FailOpen, -1);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)_options.Timeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)_options.Timeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)_options.Timeout.TotalMilliseconds;
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            try
            {
                await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Closing a connection that never opened.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, EventName = "GatewayRateLimiterRedisDown", Level = LogLevel.Error,
            Message = "The rate limiter's Redis does not answer; the gateway {Behaviour}: {Reason}")]
        public static partial void RedisDown(ILogger logger, string behaviour, string reason);
    }
}
