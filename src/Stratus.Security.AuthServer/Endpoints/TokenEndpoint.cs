using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Stratus.Security.AuthServer.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>
/// <c>/connect/token</c> once OpenIddict has authenticated the client and checked the grant: says who the token is
/// for. Client credentials: the client itself. Code and refresh token: the user, read again from the database so a
/// removed user gets no new token and changed roles show at the next refresh.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserDirectory users, IOpenIddictScopeManager scopes, ScopeResources resources)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved; OpenIddict did not handle this path.");
        if (request.ClientId is not { Length: > 0 } clientId)
        {
            return Forbid(Errors.InvalidClient, "The client_id is missing.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var granted = request.GetScopes();
            var audiences = await resources.OfAsync(scopes, granted, http.RequestAborted).ConfigureAwait(false);
            return Results.SignIn(TokenClaims.ForClient(clientId, granted, audiences), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false)).Principal;
            var user = await users.FindByIdAsync(previous?.GetClaim(Claims.Subject), http.RequestAborted).ConfigureAwait(false);
            if (previous is null || user is null)
            {
                return Forbid(Errors.InvalidGrant, "The user of this grant no longer exists.");
            }

            var granted = previous.GetScopes();
            var audiences = await resources.OfAsync(scopes, granted, http.RequestAborted).ConfigureAwait(false);
            return Results.SignIn(TokenClaims.ForUser(user, clientId, granted, audiences), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
