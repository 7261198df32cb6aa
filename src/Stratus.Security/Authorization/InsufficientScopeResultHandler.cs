using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Stratus.Security.Authorization;

/// <summary>
/// ASP.NET Core's result handling, plus RFC 6750 3.1's answer when an authenticated caller lacks a scope: 403 with
/// <c>WWW-Authenticate: Bearer error="insufficient_scope", error_description="...", scope="..."</c>.
/// </summary>
internal sealed class InsufficientScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } scope)
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", error_description=\"The request requires higher privileges than provided by the access token\", scope=\"{string.Join(' ', scope.Scopes)}\"";
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
