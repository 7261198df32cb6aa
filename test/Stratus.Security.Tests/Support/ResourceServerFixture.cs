namespace Stratus.Security.Tests.Support;

/// <summary>One issuer, one attacker and one resource server trusting the issuer by its metadata, shared by a test class.</summary>
public sealed class ResourceServerFixture : IAsyncLifetime
{
    public TestIssuer Issuer { get; private set; } = null!;

    public AttackerServer Attacker { get; private set; } = null!;

    public ServiceApp Service { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Attacker = await AttackerServer.StartAsync();
        Service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:Authority"] = Issuer.Address,
            ["Stratus:Security:ResourceServer:Audience"] = TestIssuer.Audience,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Attacker.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
