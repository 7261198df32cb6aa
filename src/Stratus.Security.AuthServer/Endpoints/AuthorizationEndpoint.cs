using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Stratus.Security.AuthServer.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>
/// <c>/connect/authorize</c> once OpenIddict has checked the request (client, redirect URI, scopes, PKCE): sends an
/// anonymous user to the login page and back, and signs a known one in; consent is implied (first-party clients).
/// </summary>
internal static class AuthorizationEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserDirectory users, IOpenIddictScopeManager scopes, ScopeResources resources)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved; OpenIddict did not handle this path.");
        var session = await http.AuthenticateAsync(AuthServerSchemes.Session).ConfigureAwait(false);
        var user = session.Succeeded
            ? await users.FindByIdAsync(session.Principal.GetClaim(Claims.Subject), http.RequestAborted).ConfigureAwait(false)
            : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this same request after the login form; prompt=login is dropped so it does not loop.
            var parameters = request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => new KeyValuePair<string, StringValues>(p.Key, (string?)p.Value));
            var properties = new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) };
            return Results.Challenge(properties, [AuthServerSchemes.Session]);
        }

        var granted = request.GetScopes();
        if (request.ClientId is not { Length: > 0 } clientId)
        {
            return Forbid(Errors.InvalidClient, "The client_id is missing.");
        }

        var audiences = await resources.OfAsync(scopes, granted, http.RequestAborted).ConfigureAwait(false);
        return Results.SignIn(TokenClaims.ForUser(user, clientId, granted, audiences), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
