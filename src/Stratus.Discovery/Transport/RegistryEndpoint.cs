using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Discovery;

/// <summary>One registry base URL, with the credentials taken out of it and a masked form for logs.</summary>
internal sealed class RegistryEndpoint
{
    private RegistryEndpoint(Uri baseUri, AuthenticationHeaderValue? authorization, string display)
    {
        BaseUri = baseUri;
        Authorization = authorization;
        Display = display;
    }

    /// <summary>Base URL ending in <c>/</c>, without credentials, for example <c>http://host:8761/eureka/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Basic credentials from the URL's user info, if any.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>The URL as logs show it: password replaced by <c>****</c>.</summary>
    public string Display { get; }

    /// <summary>Whether the last request reached the watch endpoint; <see langword="false"/> after a 404.</summary>
    public bool WatchSupported { get; set; } = true;

    public override string ToString() => Display;

    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool TryParse(string text, [NotNullWhen(true)] out RegistryEndpoint? endpoint)
    {
        endpoint = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        AuthenticationHeaderValue? authorization = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var credentials = Uri.UnescapeDataString(uri.UserInfo);
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        endpoint = new RegistryEndpoint(builder.Uri, authorization, Mask(text));
        return true;
    }

    /// <summary>Replaces the password of a URL's user info with <c>****</c>.</summary>
    public static string Mask(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < scheme)
        {
            return url;
        }

        var userInfo = url[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, scheme + 3), userInfo.AsSpan(0, colon), ":****", url.AsSpan(at));
    }
}
