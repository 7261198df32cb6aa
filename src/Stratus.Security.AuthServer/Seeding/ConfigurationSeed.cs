using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Stratus.Security.AuthServer.Storage;
using Stratus.Security.AuthServer.Users;

namespace Stratus.Security.AuthServer.Seeding;

/// <summary>
/// Writes the clients, scopes and users of configuration (and the demo set when enabled) into the database at start:
/// new ones are created, existing ones updated to match. Entries that configuration no longer names are left alone.
/// </summary>
internal sealed class ConfigurationSeed(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    AuthServerDbContext db,
    IPasswordHasher<UserRecord> hasher,
    IOptions<AuthServerOptions> options,
    IHostEnvironment environment)
{
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var demo = settings.EnableDemo ?? environment.IsDevelopment();
        foreach (var scope in With(settings.Scopes, demo ? DemoSeed.Scopes : [], s => s.Name))
        {
            await SeedScopeAsync(scope, cancellationToken).ConfigureAwait(false);
        }

        foreach (var client in With(settings.Clients, demo ? [DemoSeed.Client] : [], c => c.ClientId))
        {
            var descriptor = ClientDescriptor.From(client);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var user in With(settings.Users, demo ? [DemoSeed.User] : [], u => UserDirectory.Normalize(u.Username)))
        {
            await SeedUserAsync(user, cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedScopeAsync(AuthServerScopeOptions scope, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor { Name = scope.Name, DisplayName = scope.Name };
        descriptor.Resources.UnionWith(scope.Resources);
        if (await scopes.FindByNameAsync(scope.Name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await scopes.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SeedUserAsync(AuthServerUserOptions configured, CancellationToken cancellationToken)
    {
        var normalized = UserDirectory.Normalize(configured.Username);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            user = new UserRecord { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), NormalizedUsername = normalized };
            db.Users.Add(user);
        }

        user.Username = configured.Username.Trim();
        user.Roles = string.Join(' ', configured.Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal));

        // Hashing is slow on purpose; keep the stored hash while it still matches the configured password.
        if (string.IsNullOrEmpty(user.PasswordHash)
            || hasher.VerifyHashedPassword(user, user.PasswordHash, configured.Password) != PasswordVerificationResult.Success)
        {
            user.PasswordHash = hasher.HashPassword(user, configured.Password);
        }
    }

    /// <summary>The configured entries, then the demo ones that configuration does not already name.</summary>
    private static IEnumerable<T> With<T>(IEnumerable<T> configured, IEnumerable<T> demo, Func<T, string> key)
    {
        var list = configured.ToList();
        var names = list.Select(key).ToHashSet(StringComparer.Ordinal);
        return list.Concat(demo.Where(d => !names.Contains(key(d))));
    }
}
