using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>Gives OpenIddict the ring's keys; it runs again whenever the ring changes (see <see cref="SigningKeyRing"/>).</summary>
internal sealed class KeyRingServerOptionsSetup(SigningKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var keys = ring.Current;
        options.SigningCredentials.AddRange(keys.Published);
        options.EncryptionCredentials.Add(keys.Encryption);
    }
}
