using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using Stratus.Security.AuthServer;
using Stratus.Security.AuthServer.Clients;
using Stratus.Security.AuthServer.Endpoints;
using Stratus.Security.AuthServer.Keys;
using Stratus.Security.AuthServer.Logging;
using Stratus.Security.AuthServer.RateLimiting;
using Stratus.Security.AuthServer.Seeding;
using Stratus.Security.AuthServer.Storage;
using Stratus.Security.AuthServer.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the OAuth2/OpenID Connect authorisation server to a service collection.</summary>
public static class AuthServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the authorisation server: options from <c>Stratus:AuthServer</c>, OpenIddict's server with its EF Core
    /// stores (SQLite by default, PostgreSQL by connection string), rotating signing keys kept in the database, clients,
    /// scopes and users seeded from configuration, the login page, and rate limits on the token endpoint and login form.
    /// Pair it with <c>app.UseStratusAuthServer()</c> and <c>app.MapStratusAuthServer()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusAuthServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AuthServerOptions>().BindConfiguration(AuthServerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthServerOptions>, AuthServerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthServerOptions>, AuthServerOptionsRules>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddDbContextPool<AuthServerDbContext>((provider, builder) => AuthServerDatabase.Configure(
            builder,
            provider.GetRequiredService<IOptions<AuthServerOptions>>().Value.Database,
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath,
            provider.GetRequiredService<SqliteWriteGate>()));
        services.TryAddSingleton<SqliteWriteGate>();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<AuthServerDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, SecretCachingApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthServerSchemes.AuthorizationPath.TrimStart('/'))
                    .SetTokenEndpointUris(AuthServerSchemes.TokenPath.TrimStart('/'))
                    .SetIntrospectionEndpointUris(AuthServerSchemes.IntrospectionPath.TrimStart('/'))
                    .SetRevocationEndpointUris(AuthServerSchemes.RevocationPath.TrimStart('/'));
                server.AllowClientCredentialsFlow().AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.Roles);

                // Resource servers read the access token themselves (RFC 9068 JWTs), so it is signed, not encrypted.
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(ActiveSigningKeyHandler.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        services.TryAddSingleton<SigningKeyRing>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<SigningKeyRing>());
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, KeyRingServerOptionsSetup>();
        services.AddSingleton<ServerOptionsSetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerOptionsSetup>());
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>>(provider => provider.GetRequiredService<ServerOptionsSetup>());

        services.AddAuthentication().AddCookie(AuthServerSchemes.Session);
        services.AddAntiforgery();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, RateLimiterSetup>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoggerFilterOptions>, OpenIddictTraceGuard>());
        services.TryAddSingleton<ClientSecretCache>();
        services.TryAddSingleton<ScopeResources>();
        services.TryAddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.TryAddScoped<UserDirectory>();
        services.TryAddScoped<ConfigurationSeed>();
        services.TryAddSingleton<StoreReadiness>();
        services.TryAddSingleton<DatabaseInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseInitializer>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("authServerStore", tags: ["stratus"]);
        services.AddHostedService<KeyMaintenance>();
        services.AddHostedService<StorePruning>();
        return services;
    }
}
