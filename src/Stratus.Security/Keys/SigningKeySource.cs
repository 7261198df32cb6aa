using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Stratus.Security.Tokens;

namespace Stratus.Security.Keys;

/// <summary>
/// One scheme's signing keys: fetched from the configured JWKS URL or from the <c>jwks_uri</c> of the issuer's metadata
/// (by URL or by service id), kept for <see cref="ResourceServerOptions.KeyCacheLifetime"/>, fetched by one caller at a
/// time, and fetched early for an unknown <c>kid</c> at most once per <see cref="ResourceServerOptions.KeyRefreshInterval"/>.
/// Nothing in a token decides where keys come from. Without a configured <c>Issuer</c>, the metadata's <c>issuer</c>
/// travels with the keys and is the one tokens must carry. A failed fetch keeps the last good keys. When the key set changes,
/// the scheme's <see cref="ValidatedTokenCache"/> is emptied.
/// </summary>
internal sealed partial class SigningKeySource(
    string scheme,
    ResourceServerOptions options,
    IHttpClientFactory clients,
    ValidatedTokenCache cache,
    TimeProvider time,
    ILogger<SigningKeySource> logger) : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    public const string HttpClientName = "Stratus.Security.Keys";
    private const int MaxDocumentBytes = 1024 * 1024;
    private static readonly TimeSpan FailedFirstFetchPause = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _refreshLock = new();
    private OpenIdConnectConfiguration? _current;
    private string? _fingerprint;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;
    private int _fetches;
    private int _completed;

    /// <summary>How many times keys were fetched (successfully or not).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var current = Volatile.Read(ref _current);
        var now = time.GetUtcNow();
        if (current is not null && (now - _fetchedAt < options.KeyCacheLifetime || now - _lastAttempt < options.KeyRefreshInterval))
        {
            return current;
        }

        if (current is null && now - _lastFailure < FailedFirstFetchPause)
        {
            // No keys yet and the issuer just failed: do not let every request hammer it.
            throw new InvalidOperationException($"the signing keys of scheme '{scheme}' could not be fetched");
        }

        await FetchAsync(Volatile.Read(ref _completed), cancel).ConfigureAwait(false);
        return Volatile.Read(ref _current) ?? throw new InvalidOperationException($"the signing keys of scheme '{scheme}' could not be fetched");
    }

    /// <summary>A refresh on the token's say-so would let anyone make us fetch; <see cref="RefreshForUnknownKeyAsync"/> is rate limited instead.</summary>
    public void RequestRefresh()
    {
    }

    /// <summary>
    /// Fetches the keys again because a token named a key we do not hold, unless a fetch happened within the refresh
    /// interval. Returns whether the key set changed (only then is a second validation worth it).
    /// </summary>
    public async Task<bool> RefreshForUnknownKeyAsync(CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        lock (_refreshLock)
        {
            // The interval runs between refreshes a token caused; a scheduled fetch does not delay a rotation's first token.
            if (now - _lastUnknownKeyRefresh < options.KeyRefreshInterval)
            {
                return false;
            }

            _lastUnknownKeyRefresh = now;
        }

        var before = _fingerprint;
        await FetchAsync(Volatile.Read(ref _completed), cancel).ConfigureAwait(false);
        return _fingerprint != before;
    }

    private async Task FetchAsync(int completedSeen, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _completed) != completedSeen)
            {
                // Another caller fetched while this one waited.
                return;
            }

            _lastAttempt = time.GetUtcNow();
            Interlocked.Increment(ref _fetches);
            try
            {
                var (issuer, keys) = await LoadAsync(cancel).ConfigureAwait(false);
                var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
                foreach (var key in keys)
                {
                    configuration.SigningKeys.Add(key);
                }

                var fingerprint = string.Join('|', keys.Select(k => k.KeyId + ":" + Convert.ToBase64String(k.ComputeJwkThumbprint())).Order(StringComparer.Ordinal));
                if (_fingerprint is not null && _fingerprint != fingerprint)
                {
                    cache.Clear();
                    Log.KeySetChanged(logger, scheme, keys.Count);
                }

                _fingerprint = fingerprint;
                _fetchedAt = _lastAttempt;
                Volatile.Write(ref _current, configuration);
                Log.KeysFetched(logger, scheme, keys.Count);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException
                                          or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                _lastFailure = _lastAttempt;
                Log.KeysFetchFailed(logger, scheme, e.Message, _current is not null);
                if (_current is null)
                {
                    throw new InvalidOperationException($"the signing keys of scheme '{scheme}' could not be fetched: {e.Message}", e);
                }
            }
        }
        finally
        {
            Interlocked.Increment(ref _completed);
            _gate.Release();
        }
    }

    private async Task<(string? Issuer, List<SecurityKey> Keys)> LoadAsync(CancellationToken cancel)
    {
        using var http = clients.CreateClient(HttpClientName);
        http.MaxResponseContentBufferSize = MaxDocumentBytes;
        http.Timeout = TimeSpan.FromSeconds(10);
        string? issuer = null;
        string jwksUri;
        if (!string.IsNullOrWhiteSpace(options.JwksUri))
        {
            jwksUri = options.JwksUri;
        }
        else
        {
            var byDiscovery = string.IsNullOrWhiteSpace(options.Authority);
            var baseAddress = byDiscovery ? "http://" + options.IssuerServiceId!.Trim() : options.Authority!;
            var metadataUrl = baseAddress.TrimEnd('/') + "/.well-known/openid-configuration";
            if (!byDiscovery)
            {
                CheckHttps(metadataUrl, "Authority");
            }

            var metadata = OpenIdConnectConfiguration.Create(await GetAsync(http, metadataUrl, cancel).ConfigureAwait(false));
            if (!byDiscovery && !string.Equals(metadata.Issuer?.TrimEnd('/'), options.Authority!.TrimEnd('/'), StringComparison.Ordinal))
            {
                // OpenID Connect Discovery 4.3: the metadata must name the issuer it was fetched for.
                throw new InvalidOperationException($"the metadata at {metadataUrl} names issuer '{metadata.Issuer}', not the configured Authority");
            }

            issuer = string.IsNullOrWhiteSpace(options.Issuer) ? metadata.Issuer : null;
            jwksUri = metadata.JwksUri ?? throw new InvalidOperationException($"the metadata at {metadataUrl} has no jwks_uri");
            if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"the metadata at {metadataUrl} has a jwks_uri that is not an absolute http(s) URL");
            }
        }

        CheckHttps(jwksUri, "jwks_uri");
        var set = new JsonWebKeySet(await GetAsync(http, jwksUri, cancel).ConfigureAwait(false)) { SkipUnresolvedJsonWebKeys = true };

        // Only public asymmetric signing keys: a symmetric (oct) key published in a JWKS must never verify a token.
        var keys = set.Keys
            .Where(k => (k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve) && k.Use is null or "" or "sig" && !k.HasPrivateKey)
            .Cast<SecurityKey>()
            .ToList();
        return keys.Count > 0 ? (issuer, keys) : throw new InvalidOperationException($"the key set at {jwksUri} holds no RSA or EC signing key");
    }

    private static async Task<string> GetAsync(HttpClient http, string url, CancellationToken cancel)
    {
        using var response = await http.GetAsync(new Uri(url), cancel).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }

    private void CheckHttps(string url, string what)
    {
        if (options.RequireHttpsMetadata && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps && !IsLoopback(uri))
        {
            throw new InvalidOperationException($"{what} {url} is not https (set RequireHttpsMetadata to false only for development)");
        }
    }

    public void Dispose() => _gate.Dispose();

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
