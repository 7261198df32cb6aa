using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Security.Tests.Support;

namespace Stratus.Security.Tests.Relay;

/// <summary>
/// A real issuer, the real gateway with <c>TokenRelay</c> routes, and two real resource servers: licensing calls
/// organization through an <c>AddStratusTokenRelay()</c> client, relaying the user's token, or its own
/// client-credentials token when it serves no user.
/// </summary>
public sealed class TokenRelayTests : IAsyncLifetime
{
    private const string ClientSecret = "s3cr3t:&+ sauce";
    private TestIssuer _issuer = null!;
    private ServiceApp _organization = null!;
    private ServiceApp _licensing = null!;
    private WebApplication _gateway = null!;
    private HttpClient _client = null!;
    private int _upstreamRequests;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _issuer.AddClient("licensing-service", ClientSecret, "orgs.read");
        var trust = new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:Authority"] = _issuer.Address,
            ["Stratus:Security:ResourceServer:Audience"] = TestIssuer.Audience,
        };
        _organization = await ServiceApp.StartAsync(trust, endpoints: app =>
        {
            app.Use(Count);
            app.MapGet("/org/whoami", (HttpContext context, ClaimsPrincipal user) =>
            {
                var seen = ServiceApp.Describe(user);
                seen["authorization"] = context.Request.Headers.Authorization.ToString();
                return Results.Json(seen);
            }).RequireAuthorization();
        });

        var licensingSettings = new Dictionary<string, string?>(trust)
        {
            ["Stratus:Security:Client:ClientId"] = "licensing-service",
            ["Stratus:Security:Client:ClientSecret"] = ClientSecret,
            ["Stratus:Security:Client:TokenEndpoint"] = _issuer.TokenEndpoint,
            ["Stratus:Security:Client:Scopes:0"] = "orgs.read",
        };
        _licensing = await ServiceApp.StartAsync(
            licensingSettings,
            builder => builder.Services.AddHttpClient("organization", http => http.BaseAddress = _organization.Address).AddStratusTokenRelay(),
            app =>
            {
                app.Use(Count);
                app.MapGet("/licenses/whoami", CallOrganizationAsync).RequireScope("licenses.read");
                app.MapGet("/licenses/background", CallOrganizationAsync).AllowAnonymous();
            });

        _gateway = await StartGatewayAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    [Fact]
    public async Task A_user_token_goes_through_the_gateway_to_two_services_and_on_from_one_to_the_other()
    {
        var token = _issuer.Token(subject: "alice", scope: "licenses.read orgs.read");
        var viaLicensing = await GetJsonAsync(_client, "licenses/whoami", token);
        Assert.Equal("alice", viaLicensing["sub"]);
        Assert.Equal("Bearer " + token, viaLicensing["authorization"]);

        var direct = await GetJsonAsync(_client, "org/whoami", token);
        Assert.Equal("alice", direct["sub"]);
        Assert.Equal(0, _issuer.TokenRequests);
    }

    [Fact]
    public async Task The_gateway_refuses_a_relay_route_without_a_token_or_with_a_forged_one_before_any_upstream_call()
    {
        using (var none = await _client.GetAsync(new Uri("licenses/whoami", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var forged = _issuer.Token(audience: "someone-else");
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("org/whoami", UriKind.Relative)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            using var refused = await _client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("The audience is invalid", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, Volatile.Read(ref _upstreamRequests));
    }

    [Fact]
    public async Task Without_a_user_the_service_obtains_one_client_credentials_token_and_reuses_it()
    {
        var calls = Enumerable.Range(0, 4).Select(_ => GetJsonAsync(_licensing.Client, "licenses/background", null));
        var seen = await Task.WhenAll(calls);
        Assert.All(seen, s => Assert.Equal("licensing-service", s["sub"]));
        Assert.All(seen, s => Assert.Equal("orgs.read", s["scope"]));
        var again = await GetJsonAsync(_licensing.Client, "licenses/background", null);
        Assert.Equal(seen[0]["authorization"], again["authorization"]);
        Assert.Equal(1, _issuer.TokenRequests);

        var token = again["authorization"]["Bearer ".Length..];
        Assert.DoesNotContain(_licensing.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal) || line.Contains(ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_called_with_a_token_it_refuses_does_not_relay_it()
    {
        var refused = _issuer.Token(audience: "someone-else");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("licenses/background", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refused);
        using var response = await _licensing.Client.SendAsync(request, Ct);

        // The anonymous endpoint still answers, but the onward call carries the service's own token, not the refused one.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("licensing-service", seen["sub"]);
    }

    private Task Count(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _upstreamRequests);
        return next(context);
    }

    private static async Task<IResult> CallOrganizationAsync(IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient("organization");
        using var response = await http.GetAsync(new Uri("org/whoami", UriKind.Relative), cancellationToken);
        return Results.Content(await response.Content.ReadAsStringAsync(cancellationToken), "application/json", statusCode: (int)response.StatusCode);
    }

    private static async Task<Dictionary<string, string>> GetJsonAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private async Task<WebApplication> StartGatewayAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Discovery:Register"] = "false",
            ["Stratus:Discovery:ServiceUrl"] = "http://127.0.0.1:9/eureka/",
            ["Stratus:Gateway:Jwt:Authority"] = _issuer.Address,
            ["Stratus:Gateway:Jwt:Audience"] = TestIssuer.Audience,
            ["Stratus:Gateway:Routes:0:Id"] = "licensing",
            ["Stratus:Gateway:Routes:0:Uri"] = _licensing.Address.GetLeftPart(UriPartial.Authority),
            ["Stratus:Gateway:Routes:0:Predicates:0"] = "Path=/licenses/**",
            ["Stratus:Gateway:Routes:0:Filters:0"] = "TokenRelay",
            ["Stratus:Gateway:Routes:1:Id"] = "organization",
            ["Stratus:Gateway:Routes:1:Uri"] = _organization.Address.GetLeftPart(UriPartial.Authority),
            ["Stratus:Gateway:Routes:1:Predicates:0"] = "Path=/org/**",
            ["Stratus:Gateway:Routes:1:Filters:0"] = "TokenRelay",
        });
        builder.Services.AddStratusGateway(builder.Configuration);
        var app = builder.Build();
        app.MapStratusGateway();
        await app.StartAsync(Ct);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _licensing.DisposeAsync();
        await _organization.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
