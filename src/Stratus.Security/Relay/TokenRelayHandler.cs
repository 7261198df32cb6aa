using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Stratus.Security.Tokens;

namespace Stratus.Security.Relay;

/// <summary>
/// Puts a bearer token on an outgoing call that has none: the current request's token when its caller was
/// authenticated with it (Spring's bearer exchange filter), otherwise this service's client-credentials token when a
/// client is configured. A client-credentials token the callee refuses with 401 is forgotten, so the next call obtains
/// a new one.
/// </summary>
internal sealed class TokenRelayHandler(IHttpContextAccessor accessor, ClientCredentialsTokenSource clientTokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (CallerToken(accessor.HttpContext) is { } relayed)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", relayed);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (!clientTokens.Configured)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var token = await clientTokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            clientTokens.Forget(token);
        }

        return response;
    }

    private static string? CallerToken(HttpContext? context)
    {
        if (context is null || context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var header = context.Request.Headers.Authorization;
        return header.Count == 1 ? BearerToken.From(header[0]) : null;
    }
}
