using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Config.Client;

/// <summary>One config server: its base address without credentials, and the Basic credentials to send, if any.</summary>
internal sealed record ServerEndpoint(Uri BaseAddress, AuthenticationHeaderValue? Authorization)
{
    /// <summary>The address as logs may show it (credentials are never part of it).</summary>
    public string Display => BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public static ServerEndpoint Create(string uri, string? username, string? password)
    {
        var parsed = new Uri(uri, UriKind.Absolute);
        var user = username;
        var secret = password;
        if (parsed.UserInfo.Length > 0)
        {
            var parts = parsed.UserInfo.Split(':', 2);
            user ??= Uri.UnescapeDataString(parts[0]);
            secret ??= parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        var clean = new UriBuilder(parsed) { UserName = string.Empty, Password = string.Empty }.Uri;
        var path = clean.AbsolutePath.EndsWith('/') ? clean.AbsolutePath : clean.AbsolutePath + "/";
        var baseAddress = new UriBuilder(clean) { Path = path, Query = string.Empty, Fragment = string.Empty }.Uri;
        var authorization = user is null
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + (secret ?? string.Empty))));
        return new ServerEndpoint(baseAddress, authorization);
    }
}
