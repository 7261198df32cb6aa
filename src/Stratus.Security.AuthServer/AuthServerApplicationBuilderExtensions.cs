using Stratus.Security.AuthServer.Storage;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the authorisation server's middleware.</summary>
public static class AuthServerApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the store gate (requests wait while the store is prepared after start; management endpoints pass), the rate
    /// limiter and then authentication, in that order, so that a token request over its limit is refused before OpenIddict
    /// checks its client secret. Call it before <c>MapStratusAuthServer()</c>'s endpoints run.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IApplicationBuilder UseStratusAuthServer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<StoreGate>();

        // Authentication needs OpenIddict's options, which need the keys: a management request let through while the
        // store is prepared skips it (management endpoints answer loopback callers without credentials).
        app.UseWhen(context => !StoreGate.PassedEarly(context), branch =>
        {
            branch.UseRateLimiter();
            branch.UseAuthentication();
        });

        // A branch's builder keeps its own properties, so tell WebApplication that authentication is in the pipeline;
        // otherwise it adds another UseAuthentication() in front of everything, gate included (the key is the one
        // UseAuthentication() itself sets).
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        return app;
    }
}
