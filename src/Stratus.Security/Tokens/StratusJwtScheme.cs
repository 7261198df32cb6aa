using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Security.Keys;

namespace Stratus.Security.Tokens;

/// <summary>
/// Registers one Stratus bearer scheme whose <see cref="ResourceServerOptions"/> are bound from a configuration
/// section: the resource server's (<c>Stratus:Security:ResourceServer</c>, the default scheme) and the gateway's
/// (<c>Stratus:Gateway:Jwt</c>, never the default) share this one implementation.
/// </summary>
internal static class StratusJwtScheme
{
    public static void Add(IServiceCollection services, string scheme, IConfigurationSection section, bool isDefault)
    {
        services.AddOptions<ResourceServerOptions>(scheme).Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResourceServerOptions>>(new ResourceServerOptionsRules(scheme, section.Path));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SigningKeySource.HttpClientName);
        services.TryAddSingleton<JwtSchemeStates>();
        services.AddSingleton(new StratusSchemeName(scheme));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>());
        var authentication = isDefault ? services.AddAuthentication(scheme) : services.AddAuthentication();
        authentication.AddScheme<JwtBearerOptions, StratusJwtBearerHandler>(scheme, displayName: null, configureOptions: null);
    }
}
