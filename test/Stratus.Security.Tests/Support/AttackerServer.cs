using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tests.Support;

/// <summary>
/// A server an attacker controls, publishing a JWKS (and an X.509 URL) with the attacker's own key, and counting
/// every request it gets: a token's <c>jku</c>/<c>x5u</c> pointing here must never make a resource server call.
/// </summary>
public sealed class AttackerServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _requests;

    public RsaSecurityKey Key { get; } = new(KeyPool.Rsa("attacker")) { KeyId = "attacker" };

    public string Address { get; private set; } = string.Empty;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<AttackerServer> StartAsync()
    {
        var server = new AttackerServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var jwks = $$"""{"keys":[{{TestIssuer.RsaJwk("attacker", server.Key.Rsa.ExportParameters(false))}}]}""";
        app.Run(context =>
        {
            Interlocked.Increment(ref server._requests);
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(jwks);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        server._app = app;
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
    }
}
