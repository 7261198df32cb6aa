using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Registry.Replication;

/// <summary>
/// One peer: its base URL without credentials (safe to log) and the Authorization header to send, from the URL's
/// user info or, failing that, this node's own write credentials.
/// </summary>
internal sealed class PeerEndpoint
{
    private PeerEndpoint(Uri baseUri, AuthenticationHeaderValue? authorization)
    {
        BaseUri = baseUri;
        Authorization = authorization;
    }

    public Uri BaseUri { get; }

    public AuthenticationHeaderValue? Authorization { get; }

    public Uri BatchUri => new(BaseUri, "peerreplication/batch");

    public Uri AppsUri => new(BaseUri, "apps");

    public static PeerEndpoint Create(string url, RegistryOptions options)
    {
        var uri = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        AuthenticationHeaderValue? authorization = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            uri = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        }
        else if (!string.IsNullOrEmpty(options.BearerToken))
        {
            authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password)));
        }

        return new PeerEndpoint(uri, authorization);
    }

    public HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = Authorization;
        request.Headers.TryAddWithoutValidation(Http.InstanceWriteEndpoints.ReplicationHeader, "true");
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    public override string ToString() => BaseUri.ToString();
}
