using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stratus.Security.AuthServer;
using Stratus.Security.AuthServer.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the authorisation server's endpoints.</summary>
public static class AuthServerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/connect/authorize</c>, <c>/connect/token</c> and the login page (<c>/login</c>). OpenIddict itself answers
    /// <c>/.well-known/openid-configuration</c>, <c>/.well-known/jwks</c>, <c>/connect/introspect</c> and
    /// <c>/connect/revoke</c>; they are mapped too so that routing, and the rate limit, see them.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapStratusAuthServer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(AuthServerSchemes.AuthorizationPath, ["GET", "POST"], AuthorizationEndpoint.HandleAsync).ExcludeFromDescription();
        endpoints.MapPost(AuthServerSchemes.TokenPath, TokenEndpoint.HandleAsync).RequireRateLimiting(AuthServerSchemes.TokenRateLimit);
        endpoints.MapPost(AuthServerSchemes.IntrospectionPath, AnsweredByOpenIddict).RequireRateLimiting(AuthServerSchemes.TokenRateLimit);
        endpoints.MapPost(AuthServerSchemes.RevocationPath, AnsweredByOpenIddict).RequireRateLimiting(AuthServerSchemes.TokenRateLimit);
        endpoints.MapGet(AuthServerSchemes.LoginPath, LoginPage.Show);
        endpoints.MapPost(AuthServerSchemes.LoginPath, LoginPage.SubmitAsync).RequireRateLimiting(AuthServerSchemes.LoginRateLimit);
        return endpoints;
    }

    /// <summary>Never runs: OpenIddict's authentication handler answers these paths before routing reaches them.</summary>
    private static IResult AnsweredByOpenIddict() => Results.StatusCode(StatusCodes.Status500InternalServerError);
}
