using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Security.Relay;

/// <summary>
/// This service's client-credentials token (RFC 6749 4.4): obtained from the token endpoint on first need, kept until
/// shortly before it expires, replaced by one caller while the others wait for that same request. The token and the
/// secret are never logged.
/// </summary>
internal sealed partial class ClientCredentialsTokenSource(
    IOptions<ClientCredentialsOptions> options,
    IHttpClientFactory clients,
    TimeProvider time,
    ILogger<ClientCredentialsTokenSource> logger) : IDisposable
{
    public const string HttpClientName = "Stratus.Security.TokenClient";
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Issued? _current;
    private int _requests;

    public bool Configured => options.Value.Configured;

    /// <summary>How many token requests were sent.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current && time.GetUtcNow() < current.ReplaceAt)
        {
            return current.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _current) is { } fresh && time.GetUtcNow() < fresh.ReplaceAt)
            {
                return fresh.Token;
            }

            var issued = await RequestAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, issued);
            return issued.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token a resource server refused (401), so the next call obtains a new one.</summary>
    public void Forget(string token)
    {
        if (Volatile.Read(ref _current) is { } current && current.Token == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private async Task<Issued> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', settings.Scopes)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint);
        if (settings.AuthenticationMethod == "client_secret_post")
        {
            form.Add(new("client_id", settings.ClientId!));
            form.Add(new("client_secret", settings.ClientSecret!));
        }
        else
        {
            // RFC 6749 2.3.1: id and secret are form-url-encoded before they are joined and base64-encoded.
            var pair = WebUtility.UrlEncode(settings.ClientId) + ":" + WebUtility.UrlEncode(settings.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var http = clients.CreateClient(HttpClientName);
        http.MaxResponseContentBufferSize = 256 * 1024;
        Interlocked.Increment(ref _requests);
        var sentAt = time.GetUtcNow();
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        TokenResponse? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), TokenJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Reported below as an answer without a token.
        }

        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
        {
            var reason = $"{(int)response.StatusCode}{(body?.Error is { } error ? " " + Printable(error) : string.Empty)}";
            Log.TokenRequestFailed(logger, settings.ClientId!, settings.TokenEndpoint!, reason);
            throw new HttpRequestException($"the token endpoint {settings.TokenEndpoint} refused a client_credentials token for client '{settings.ClientId}': {reason}", null, response.StatusCode);
        }

        if (body.TokenType is { } type && !type.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"the token endpoint {settings.TokenEndpoint} issued a '{Printable(type)}' token; only Bearer tokens can be relayed");
        }

        var lifetime = body.ExpiresIn is > 0 and < 31_536_000 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : DefaultLifetime;
        var margin = lifetime >= settings.RefreshBeforeExpiry * 2 ? settings.RefreshBeforeExpiry : lifetime / 2;
        Log.TokenObtained(logger, settings.ClientId!, (long)lifetime.TotalSeconds);
        return new Issued(body.AccessToken, sentAt + lifetime - margin);
    }

    public void Dispose() => _gate.Dispose();

    private static string Printable(string text) =>
        new(text.Take(64).Where(c => c is >= ' ' and <= '~' and not '"').ToArray());

    private sealed record Issued(string Token, DateTimeOffset ReplaceAt);

    /// <summary>Relay block: event ids 3140-3159. Client id and endpoint only; never the token or the secret.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3140, EventName = "ClientCredentialsTokenObtained", Level = LogLevel.Debug,
            Message = "Obtained a client_credentials token for client {ClientId}, valid {ExpiresInSeconds} s")]
        public static partial void TokenObtained(ILogger logger, string clientId, long expiresInSeconds);

        [LoggerMessage(EventId = 3141, EventName = "ClientCredentialsTokenRefused", Level = LogLevel.Warning,
            Message = "The token endpoint {TokenEndpoint} refused a client_credentials token for client {ClientId}: {Reason}")]
        public static partial void TokenRequestFailed(ILogger logger, string clientId, string tokenEndpoint, string reason);
    }
}
