using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Stratus.IntegrationTests.Discovery;

namespace Stratus.IntegrationTests.Security;

/// <summary>
/// A secured system of real processes: a registry, <c>stratus auth-server</c> (demo set plus a public code-flow client,
/// registered in the registry as <c>auth-server</c>), the gateway validating tokens and relaying them, and two resource
/// servers (the test service): <c>front</c> trusts the auth server by URL, <c>back</c> finds it by service id.
/// </summary>
public sealed class SecuredSystem : IAsyncLifetime
{
    public const string Audience = "licensing-service";
    public const string WebClient = "e2e-web";

    public ServiceFleet Fleet { get; private set; } = null!;

    public StratusProcess Auth { get; private set; } = null!;

    public Uri AuthBase { get; private set; } = null!;

    public StratusProcess Gateway { get; private set; } = null!;

    public Uri GatewayBase { get; private set; } = null!;

    public string AuthDatabase { get; } = Path.Combine(Directory.CreateTempSubdirectory("stratus-e2e-auth-").FullName, "auth.db");

    public string RedirectUri => new Uri(GatewayBase, "open/whoami").AbsoluteUri;

    public StratusProcess Front { get; private set; } = null!;

    public Uri FrontBase { get; private set; } = null!;

    public StratusProcess Back { get; private set; } = null!;

    public Uri BackBase { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Fleet = await ServiceFleet.StartAsync();
        var gatewayPort = StratusProcess.FreePort();
        GatewayBase = new Uri($"http://127.0.0.1:{gatewayPort}/");
        string[] discovery =
        [
            $"--Stratus:Discovery:ServiceUrl={Fleet.ServiceUrl}",
            "--Stratus:Discovery:LeaseRenewalInterval=00:00:01",
            "--Stratus:Discovery:LeaseExpirationDuration=00:00:02",
            "--Stratus:Discovery:RegistryFetchInterval=00:00:01",
        ];

        // Keys checked every second so an admin rotation shows at once; key refreshes for unknown kids allowed every
        // 2 s (default 30 s) so the test order cannot make a rotation wait.
        (Auth, AuthBase) = await StratusProcess.StartRoleAsync("auth-server",
        [
            "--Stratus:AuthServer:EnableDemo=true",
            $"--Stratus:AuthServer:Database:Path={AuthDatabase}",
            "--Stratus:AuthServer:Keys:CheckInterval=00:00:01",
            "--Stratus:AuthServer:Scopes:0:Name=licenses.read", $"--Stratus:AuthServer:Scopes:0:Resources:0={Audience}",
            $"--Stratus:AuthServer:Clients:0:ClientId={WebClient}",
            "--Stratus:AuthServer:Clients:0:GrantTypes:0=authorization_code",
            $"--Stratus:AuthServer:Clients:0:RedirectUris:0={GatewayBase}open/whoami",
            "--Stratus:AuthServer:Clients:0:Scopes:0=openid", "--Stratus:AuthServer:Clients:0:Scopes:1=licenses.read",
            .. discovery,
        ]);
        await ServiceFleet.WaitUntilAsync(async () => (await Fleet.RegisteredAsync("auth-server")).Count == 1, TimeSpan.FromSeconds(30), "auth-server in the registry");

        string[] resourceServer = [$"--Stratus:Security:ResourceServer:Audience={Audience}", "--Stratus:Security:ResourceServer:KeyRefreshInterval=00:00:02"];
        (Back, BackBase, _) = await Fleet.StartServiceAsync("back", "back-1",
            [.. resourceServer, "--Stratus:Security:ResourceServer:IssuerServiceId=auth-server", "--Stratus:Discovery:RegistryFetchInterval=00:00:01"]);
        (Front, FrontBase, _) = await Fleet.StartServiceAsync("front", "front-1",
            [.. resourceServer, $"--Stratus:Security:ResourceServer:Authority={AuthBase}", "--Callee=back", "--Stratus:Discovery:RegistryFetchInterval=00:00:01"]);

        (Gateway, _) = await StratusProcess.StartRoleAsync("gateway",
        [
            .. discovery,
            $"--Stratus:Gateway:Jwt:Authority={AuthBase}", $"--Stratus:Gateway:Jwt:Audience={Audience}", "--Stratus:Gateway:Jwt:KeyRefreshInterval=00:00:02",
            "--Stratus:Gateway:Routes:0:Id=licensing", "--Stratus:Gateway:Routes:0:Uri=lb://front",
            "--Stratus:Gateway:Routes:0:Predicates:0=Path=/front/**",
            "--Stratus:Gateway:Routes:0:Filters:0=StripPrefix=1", "--Stratus:Gateway:Routes:0:Filters:1=TokenRelay",
            "--Stratus:Gateway:Routes:0:Metadata:auth-scopes=licenses.read",
            "--Stratus:Gateway:Routes:1:Id=open", "--Stratus:Gateway:Routes:1:Uri=lb://front",
            "--Stratus:Gateway:Routes:1:Predicates:0=Path=/open/**", "--Stratus:Gateway:Routes:1:Filters:0=StripPrefix=1",
        ], fixedPort: gatewayPort);

        using var client = new HttpClient { BaseAddress = GatewayBase, Timeout = TimeSpan.FromSeconds(5) };
        await ServiceFleet.WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync("open/whoami");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the gateway to reach front");
    }

    /// <summary>A client-credentials token of the demo client.</summary>
    public Task<string> ClientTokenAsync(string scope = "licenses.read") => ClientCredentialsTokenAsync(AuthBase, "demo-client", "demo-secret", scope);

    /// <summary>A client-credentials token from an auth server (<c>client_secret_basic</c>); fails the test on any other answer than 200.</summary>
    public static async Task<string> ClientCredentialsTokenAsync(Uri authServer, string clientId, string secret, string scope)
    {
        using var client = new HttpClient { BaseAddress = authServer, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>GET with an optional bearer token; returns the status, body and <c>WWW-Authenticate</c> header.</summary>
    public static async Task<(HttpStatusCode Status, string Body, string? Challenge)> GetAsync(Uri baseAddress, string path, string? token)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>The decoded JSON of a JWT's header (0) or payload (1).</summary>
    public static JsonElement Part(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='))).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Auth is not null)
        {
            await Auth.DisposeAsync();
        }

        await Fleet.DisposeAsync();
    }
}
