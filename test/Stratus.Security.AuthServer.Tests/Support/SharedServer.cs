[assembly: AssemblyFixture(typeof(Stratus.Security.AuthServer.Tests.Support.SharedServer))]

namespace Stratus.Security.AuthServer.Tests.Support;

/// <summary>One server with the standard test clients for every test that does not change its settings or clock.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    private CallbackApp? _callback;
    private AuthServerHost? _server;

    public AuthServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public string RedirectUri => _callback?.RedirectUri ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        _callback = await CallbackApp.StartAsync();
        _server = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), AuthServerHost.TestSettings(_callback.RedirectUri));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_callback is not null)
        {
            await _callback.DisposeAsync();
        }
    }
}
