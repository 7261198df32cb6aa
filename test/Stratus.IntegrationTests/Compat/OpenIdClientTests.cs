using System.Text.Json;
using Stratus.IntegrationTests.Cli;

namespace Stratus.IntegrationTests.Compat;

/// <summary>
/// The third-party Node.js <c>openid-client</c> (npm, installed by test.sh into <c>test/compat/openid-client</c>)
/// discovers a real <c>stratus auth-server</c>, gets a client-credentials token and introspects it.
/// </summary>
public sealed class OpenIdClientTests
{
    [Fact]
    public async Task Openid_client_discovers_the_server_and_gets_a_client_credentials_token()
    {
        var folder = NodeScript.Folder("openid-client", "openid-client");
        var (process, baseAddress) = await AuthServerRoleTests.StartWithDemoAsync();
        await using (process)
        {
            var (exit, stdout, stderr) = await NodeScript.RunAsync(folder,
                ["client.js", baseAddress.AbsoluteUri, "demo-client", "demo-secret", "licenses.read licenses.write"], TimeSpan.FromSeconds(30));

            Assert.True(exit == 0, stdout + stderr);
            var result = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(baseAddress.AbsoluteUri, result.GetProperty("issuer").GetString());
            Assert.Equal(baseAddress.AbsoluteUri + "connect/token", result.GetProperty("tokenEndpoint").GetString());
            Assert.Equal("bearer", result.GetProperty("tokenType").GetString());
            Assert.True(result.GetProperty("active").GetBoolean());
            Assert.Equal(3, result.GetProperty("accessToken").GetString()!.Split('.').Length);
        }
    }
}
