using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Config.Client;

/// <summary>
/// HTTP to the config servers: <c>GET {uri}/{name}/{profiles}[/{label}]</c> asking for the v2 media type (v1 accepted),
/// each server in turn until one answers, starting with the last one that did. A long poll adds
/// <c>If-None-Match</c> and <c>Prefer: wait=N</c>. Answers are capped in size and parsed whole or not at all.
/// </summary>
internal sealed class ConfigServerClient : IDisposable
{
    public const string V2MediaType = "application/vnd.spring-cloud.config-server.v2+json";
    private const int MaxAnswerBytes = 16 * 1024 * 1024;
    private readonly HttpClient _http;
    private readonly ConfigClientOptions _options;
    private readonly string _path;
    private volatile int _preferred;

    private volatile IReadOnlyList<ServerEndpoint> _servers;

    public ConfigServerClient(ConfigClientOptions options, IReadOnlyList<ServerEndpoint> servers)
    {
        _options = options;
        _servers = servers;
        _path = RequestPath(options);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxAnswerBytes };
    }

    /// <summary>The servers in order; replaced whole when discovery finds them.</summary>
    public IReadOnlyList<ServerEndpoint> Servers
    {
        get => _servers;
        set
        {
            _servers = value;
            _preferred = 0;
        }
    }

    /// <summary>The path asked for, like <c>orders/dev,eu/feature(_)x</c>.</summary>
    public string Path => _path;

    public async Task<FetchResult> FetchAsync(string? etag, TimeSpan wait, CancellationToken cancellationToken)
    {
        var problems = new StringBuilder();
        var servers = _servers;
        if (servers.Count == 0)
        {
            return FetchResult.Failed("no config server address is known");
        }

        var first = _preferred;
        for (var i = 0; i < servers.Count; i++)
        {
            var index = (first + i) % servers.Count;
            var server = servers[index];
            try
            {
                var result = await FetchFromAsync(server, etag, wait, cancellationToken).ConfigureAwait(false);
                _preferred = index;
                return result;
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or System.Text.Json.JsonException or OperationCanceledException
                                      && !cancellationToken.IsCancellationRequested)
            {
                if (problems.Length > 0)
                {
                    problems.Append("; ");
                }

                problems.Append(server.Display).Append(": ").Append(Describe(e));
            }
        }

        return FetchResult.Failed(problems.ToString());
    }

    private async Task<FetchResult> FetchFromAsync(ServerEndpoint server, string? etag, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, _path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(V2MediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        request.Headers.Authorization = server.Authorization;
        if (_options.Token is { Length: > 0 } token)
        {
            request.Headers.TryAddWithoutValidation("X-Config-Token", token);
        }

        if (etag is not null && wait > TimeSpan.Zero)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            request.Headers.TryAddWithoutValidation("Prefer", "wait=" + ((long)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout + (etag is null ? TimeSpan.Zero : wait));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        var answerTag = response.Headers.ETag?.ToString();
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return FetchResult.NotModified(answerTag ?? etag, server);
        }

        if (!response.IsSuccessStatusCode)
        {
            var detail = await ErrorDetailAsync(response, timeout.Token).ConfigureAwait(false);
            var hint = response.StatusCode == HttpStatusCode.NotFound ? " (no such application, profile or label on the server)" : string.Empty;
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}{hint}{detail}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        return FetchResult.Changed(RemoteEnvironment.Parse(body), answerTag, server);
    }

    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = System.Text.Json.JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } m
                ? ": " + (m.Length > 200 ? m[..200] : m)
                : string.Empty;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or HttpRequestException or InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        FormatException or System.Text.Json.JsonException => "malformed answer: " + e.Message,
        HttpRequestException { InnerException: { } inner } => e.Message + " (" + inner.Message + ")",
        _ => e.Message,
    };

    private static string RequestPath(ConfigClientOptions options)
    {
        var profiles = string.Join(',', options.Profile!.Split(',', StringSplitOptions.TrimEntries).Select(Uri.EscapeDataString));
        var path = Uri.EscapeDataString(options.Name!) + "/" + profiles;
        return options.Label is { Length: > 0 } label ? path + "/" + string.Join("(_)", label.Split('/').Select(Uri.EscapeDataString)) : path;
    }

    public void Dispose() => _http.Dispose();
}
