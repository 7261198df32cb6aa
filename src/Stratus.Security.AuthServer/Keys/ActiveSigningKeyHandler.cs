using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>
/// Signs every token with the ring's active key. OpenIddict takes the first of its signing credentials after sorting
/// them, and its sort does not promise to keep the ring's order for plain (non-certificate) keys.
/// </summary>
internal sealed class ActiveSigningKeyHandler(SigningKeyRing ring) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<ActiveSigningKeyHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SigningCredentials is not null)
        {
            context.SigningCredentials = ring.Current.Active;
        }

        return ValueTask.CompletedTask;
    }
}
