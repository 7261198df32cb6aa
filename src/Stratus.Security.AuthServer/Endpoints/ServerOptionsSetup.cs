using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Security.AuthServer.Seeding;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>Carries <see cref="AuthServerOptions"/> into OpenIddict's options and the login cookie's.</summary>
internal sealed class ServerOptionsSetup(IOptions<AuthServerOptions> options, IHostEnvironment environment)
    : IConfigureOptions<OpenIddictServerOptions>, IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(OpenIddictServerOptions server)
    {
        var settings = options.Value;
        server.Issuer = settings.Issuer;
        server.AccessTokenLifetime = settings.AccessTokenLifetime;
        server.RefreshTokenLifetime = settings.RefreshTokenLifetime;
        server.AuthorizationCodeLifetime = settings.AuthorizationCodeLifetime;
        server.IdentityTokenLifetime = settings.IdentityTokenLifetime;

        // Discovery's scopes_supported lists what OpenIddict knows from options; the database holds the rest.
        server.Scopes.UnionWith(settings.Scopes.Select(s => s.Name));
        if (settings.EnableDemo ?? environment.IsDevelopment())
        {
            server.Scopes.UnionWith(DemoSeed.Scopes.Select(s => s.Name));
        }

        // PKCE with S256 only: "plain" protects nothing against an attacker who sees the authorization request.
        server.CodeChallengeMethods.Clear();
        server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
    }

    public void Configure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != AuthServerSchemes.Session)
        {
            return;
        }

        cookie.LoginPath = AuthServerSchemes.LoginPath;
        cookie.ExpireTimeSpan = options.Value.SessionLifetime;
        cookie.SlidingExpiration = false;
        cookie.Cookie.Name = "stratus.auth.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    public void Configure(CookieAuthenticationOptions cookie) => Configure(Options.DefaultName, cookie);
}
