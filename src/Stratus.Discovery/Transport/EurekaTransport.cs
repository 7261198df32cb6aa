using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Eureka.Json;

namespace Stratus.Discovery;

/// <summary>
/// Speaks the Eureka REST API to a list of registries. The registry that last answered stays current; on a
/// network error, a time-out or a 5xx (and a 403 on reads, which a syncing registry answers) the next one is
/// tried, as the Netflix client does. Its own <see cref="HttpClient"/>, so that service-discovery handlers a host
/// adds to every client never apply to registry calls.
/// </summary>
internal sealed partial class EurekaTransport : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly RegistryEndpoint[] _endpoints;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private int _current;

    public EurekaTransport(IOptions<DiscoveryOptions> options, ILogger<EurekaTransport> logger, HttpMessageHandler? handler = null)
    {
        var settings = options.Value;
        _endpoints = [.. RegistryEndpoint.SplitList(settings.ServiceUrl)
            .Select(url => RegistryEndpoint.TryParse(url, out var endpoint) ? endpoint : null)
            .OfType<RegistryEndpoint>()];
        _timeout = settings.RegistryRequestTimeout;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = settings.RegistryRequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(Json);
        _http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        _http.DefaultRequestHeaders.Add("DiscoveryIdentity-Name", "StratusClient");
        _http.DefaultRequestHeaders.Add("DiscoveryIdentity-Version", "1.0");
    }

    public IReadOnlyList<RegistryEndpoint> Endpoints => _endpoints;

    /// <summary>The registry requests go to first.</summary>
    public RegistryEndpoint Current => _endpoints[Volatile.Read(ref _current) % _endpoints.Length];

    public Task<RegistryResponse> RegisterAsync(InstanceInfo instance, CancellationToken cancellationToken)
    {
        var body = EurekaJsonWriter.WriteInstance(instance);
        return SendAsync("register", endpoint =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUri, "apps/" + Escape(instance.App)));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
            return request;
        }, failOverOn403: false, _timeout, cancellationToken);
    }

    public Task<RegistryResponse> RenewAsync(InstanceInfo instance, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"apps/{Escape(instance.App)}/{Escape(instance.InstanceId)}?status={instance.Status.ToWire()}&lastDirtyTimestamp={instance.LastDirtyTimestamp ?? 0}");
        return SendAsync("renew", endpoint => new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint.BaseUri, path)),
            failOverOn403: false, _timeout, cancellationToken);
    }

    public Task<RegistryResponse> CancelAsync(InstanceInfo instance, CancellationToken cancellationToken)
    {
        var path = $"apps/{Escape(instance.App)}/{Escape(instance.InstanceId)}";
        return SendAsync("cancel", endpoint => new HttpRequestMessage(HttpMethod.Delete, new Uri(endpoint.BaseUri, path)),
            failOverOn403: false, _timeout, cancellationToken);
    }

    /// <summary>Status override, as Spring Cloud's service registry sets it: <c>PUT apps/{app}/{id}/status?value=...</c>.</summary>
    public Task<RegistryResponse> StatusUpdateAsync(InstanceInfo instance, InstanceStatus status, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"apps/{Escape(instance.App)}/{Escape(instance.InstanceId)}/status?value={status.ToWire()}&lastDirtyTimestamp={instance.LastDirtyTimestamp ?? 0}");
        return SendAsync("status update", endpoint => new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint.BaseUri, path)),
            failOverOn403: false, _timeout, cancellationToken);
    }

    /// <summary>Removes a status override: <c>DELETE apps/{app}/{id}/status?value=UP</c>.</summary>
    public Task<RegistryResponse> DeleteStatusOverrideAsync(InstanceInfo instance, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"apps/{Escape(instance.App)}/{Escape(instance.InstanceId)}/status?value=UP&lastDirtyTimestamp={instance.LastDirtyTimestamp ?? 0}");
        return SendAsync("status override removal", endpoint => new HttpRequestMessage(HttpMethod.Delete, new Uri(endpoint.BaseUri, path)),
            failOverOn403: false, _timeout, cancellationToken);
    }

    public Task<RegistryResponse> GetApplicationsAsync(bool delta, CancellationToken cancellationToken) =>
        SendAsync(delta ? "delta fetch" : "full fetch",
            endpoint => new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.BaseUri, delta ? "apps/delta" : "apps/")),
            failOverOn403: true, _timeout, cancellationToken);

    /// <summary>One long poll of the Stratus watch endpoint on the current registry (no fail-over: the caller falls back to polling).</summary>
    public async Task<RegistryResponse> WatchAsync(RegistryEndpoint endpoint, long since, TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)wait.TotalSeconds);
        var uri = new Uri(endpoint.BaseUri, string.Create(CultureInfo.InvariantCulture, $"watch?since={since}&timeout={seconds}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = endpoint.Authorization;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait + _timeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        return new RegistryResponse((int)response.StatusCode, body, endpoint);
    }

    private async Task<RegistryResponse> SendAsync(
        string operation,
        Func<RegistryEndpoint, HttpRequestMessage> build,
        bool failOverOn403,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (_endpoints.Length == 0)
        {
            throw new RegistryUnavailableException("No registry URL is configured.");
        }

        var start = Volatile.Read(ref _current);
        RegistryResponse? lastAnswer = null;
        Exception? lastError = null;
        for (var attempt = 0; attempt < _endpoints.Length; attempt++)
        {
            var index = (start + attempt) % _endpoints.Length;
            var endpoint = _endpoints[index];
            try
            {
                using var request = build(endpoint);
                request.Headers.Authorization = endpoint.Authorization;
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(timeout);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
                var answer = new RegistryResponse((int)response.StatusCode, body, endpoint);
                var status = answer.StatusCode;
                if (status >= 500 || (failOverOn403 && status == 403))
                {
                    lastAnswer = answer;
                    Log.FailingOver(_logger, endpoint.Display, operation, $"HTTP {status}");
                    continue;
                }

                Volatile.Write(ref _current, index);
                return answer;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or IOException)
            {
                lastError = ex;
                Log.FailingOver(_logger, endpoint.Display, operation,
                    ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : ex.Message);
            }
        }

        // Move on so that the next operation starts with another registry.
        Volatile.Write(ref _current, (start + 1) % _endpoints.Length);
        if (lastAnswer is { } final)
        {
            return final;
        }

        throw new RegistryUnavailableException(
            $"No registry answered the {operation} ({string.Join(", ", _endpoints.Select(e => e.Display))}): {lastError?.Message}", lastError);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _http.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, EventName = "RegistryFailingOver", Level = LogLevel.Warning,
            Message = "Registry {Registry} failed the {Operation} ({Reason}); trying the next registry")]
        public static partial void FailingOver(ILogger logger, string registry, string operation, string reason);
    }
}
