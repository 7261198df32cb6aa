using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Shared;

namespace Stratus.Management.Http;

/// <summary>
/// The one rule for sensitive endpoints and for details: callers on loopback may; remote callers must be authenticated
/// and, when <see cref="ManagementOptions.AuthorizationPolicy"/> names a policy, satisfy it. An unknown remote address
/// (no socket, as in TestServer) counts as remote: we fail closed.
/// </summary>
internal sealed class ManagementAccess(IOptions<ManagementOptions> options, TimeProvider time)
{
    public TimeProvider Time => time;

    public static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    public async Task<AccessResult> CheckAsync(HttpContext context)
    {
        if (IsLoopback(context.Connection.RemoteIpAddress))
        {
            return AccessResult.Allowed;
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return AccessResult.Unauthenticated;
        }

        var policy = options.Value.AuthorizationPolicy;
        if (string.IsNullOrWhiteSpace(policy))
        {
            return AccessResult.Allowed;
        }

        // A policy is configured but authorization is not: refuse rather than ignore the operator's intent.
        if (context.RequestServices.GetService<IAuthorizationService>() is not { } authorization)
        {
            return AccessResult.Forbidden;
        }

        var result = await authorization.AuthorizeAsync(user, resource: null, policy).ConfigureAwait(false);
        return result.Succeeded ? AccessResult.Allowed : AccessResult.Forbidden;
    }

    public async Task<bool> IsAuthorizedAsync(HttpContext context, ManagementVisibility visibility) => visibility switch
    {
        ManagementVisibility.Always => true,
        ManagementVisibility.WhenAuthorized => await CheckAsync(context).ConfigureAwait(false) == AccessResult.Allowed,
        _ => false,
    };

    /// <summary>Wraps a sensitive endpoint's handler: 401 or 403 in Spring's error shape unless allowed.</summary>
    public RequestDelegate Guard(RequestDelegate inner) => async context =>
    {
        switch (await CheckAsync(context).ConfigureAwait(false))
        {
            case AccessResult.Allowed:
                await inner(context).ConfigureAwait(false);
                break;
            case AccessResult.Unauthenticated:
                await SpringErrorJson.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication is required for this endpoint.", time).ConfigureAwait(false);
                break;
            default:
                await SpringErrorJson.WriteAsync(context, StatusCodes.Status403Forbidden, "Access to this endpoint is denied.", time).ConfigureAwait(false);
                break;
        }
    };
}
