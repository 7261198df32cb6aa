using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Security;
using Stratus.Security.Authorization;
using Stratus.Security.Keys;
using Stratus.Security.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes a service an OAuth2 resource server.</summary>
public static class ResourceServerServiceCollectionExtensions
{
    /// <summary>
    /// Validates bearer JWTs on every request against the issuer configured under <c>Stratus:Security:ResourceServer</c>
    /// (<c>Authority</c>, <c>IssuerServiceId</c> or <c>JwksUri</c>, and <c>Audience</c>) as the default authentication
    /// scheme <c>Bearer</c>, and adds authorisation with scope and role policies (<c>RequireScope</c>,
    /// <c>RequireRole</c>) answering 403 <c>insufficient_scope</c>. A second call changes nothing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Security:ResourceServer</c>.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusResourceServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(StratusSchemeName) && d.ImplementationInstance is StratusSchemeName { Name: JwtBearerDefaults.AuthenticationScheme }))
        {
            return services;
        }

        var section = configuration.GetSection(ResourceServerOptions.SectionName);
        StratusJwtScheme.Add(services, JwtBearerDefaults.AuthenticationScheme, section, isDefault: true);
        if (!string.IsNullOrWhiteSpace(section["IssuerServiceId"]))
        {
            services.AddHttpClient(SigningKeySource.HttpClientName).AddStratusLoadBalancing();
        }

        services.AddAuthorization();

        // Ours in place of ASP.NET Core's default, which it wraps; a handler the application registered stays.
        services.RemoveAll<IAuthorizationMiddlewareResultHandler>(typeof(AuthorizationMiddlewareResultHandler));
        services.TryAddSingleton<IAuthorizationMiddlewareResultHandler, InsufficientScopeResultHandler>();
        return services;
    }

    private static void RemoveAll<T>(this IServiceCollection services, Type implementation)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(T) && services[i].ImplementationType == implementation)
            {
                services.RemoveAt(i);
            }
        }
    }
}
