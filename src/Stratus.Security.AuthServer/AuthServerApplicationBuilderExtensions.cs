namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the authorisation server's middleware.</summary>
public static class AuthServerApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the rate limiter and then authentication, in that order, so that a token request over its limit is refused
    /// before OpenIddict checks its client secret. Call it before <c>MapStratusAuthServer()</c>'s endpoints run.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IApplicationBuilder UseStratusAuthServer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        app.UseAuthentication();
        return app;
    }
}
