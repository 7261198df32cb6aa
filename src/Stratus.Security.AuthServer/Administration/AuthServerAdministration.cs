using Microsoft.Extensions.DependencyInjection;
using Stratus.Security.AuthServer.Keys;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer;

/// <summary>
/// One-off administration of an auth server's database, run as its own process against the same configuration as the
/// server (twelve-factor admin processes): <c>stratus auth-server rotate-keys</c>.
/// </summary>
public static class AuthServerAdministration
{
    /// <summary>
    /// Retires the signing key now and writes a new one, as a scheduled rotation does. Running servers on the same
    /// database sign with the new key from their next key check (<c>Keys:CheckInterval</c>, default one minute); the
    /// retired key stays published until the tokens it signed have expired. Creates the schema when the database is new.
    /// </summary>
    /// <param name="services">The services of a host built with <c>AddStratusAuthServer</c> (not started).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The key id (<c>kid</c>) of the new signing key.</returns>
    public static async Task<string> RotateSigningKeyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<DatabaseInitializer>().PrepareAsync(cancellationToken).ConfigureAwait(false);
        var ring = services.GetRequiredService<SigningKeyRing>();
        await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
        return ring.Current.Active.Key.KeyId;
    }

    /// <summary>
    /// The preparation of the store that a server does in the background after it starts listening (schema, seeding,
    /// keys): completes when the server issues tokens, faults with the reason when it could not (the server then logs
    /// it and stops itself). Take it before running the host: a host that has run has disposed its services.
    /// </summary>
    /// <param name="services">The services of a host built with <c>AddStratusAuthServer</c>.</param>
    /// <returns>The preparation.</returns>
    public static Task StoreReady(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<StoreReadiness>().Ready;
    }
}
