using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Stratus.Security.AuthServer.Clients;

/// <summary>OpenIddict's application manager with successful secret checks remembered (see <see cref="ClientSecretCache"/>).</summary>
internal sealed class SecretCachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    ClientSecretCache secrets)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(comparand))
        {
            return await base.ValidateClientSecretAsync(secret, comparand, cancellationToken).ConfigureAwait(false);
        }

        if (secrets.Contains(secret, comparand))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken).ConfigureAwait(false);
        if (valid)
        {
            secrets.Add(secret, comparand);
        }

        return valid;
    }
}
