using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stratus.Security.Tests.Support;
using Stratus.Security.Tokens;

namespace Stratus.Security.Tests.Keys;

/// <summary>
/// Keys at a real issuer change while a real resource server runs: a new kid is accepted after one fetch, a removed key
/// stops being accepted (remembered tokens included), and tokens naming unknown kids cannot make the server fetch more
/// than once per refresh interval. The resource server's clock is a fake one the test moves.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private TestIssuer _issuer = null!;
    private ServiceApp _service = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _service = await ServiceApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Security:ResourceServer:JwksUri"] = _issuer.JwksUri,
                ["Stratus:Security:ResourceServer:Issuer"] = _issuer.Issuer,
                ["Stratus:Security:ResourceServer:Audience"] = TestIssuer.Audience,
            },
            builder => builder.Services.AddSingleton<TimeProvider>(_time));
    }

    [Fact]
    public async Task A_new_kid_is_accepted_after_one_fetch_and_a_removed_key_stops_working_at_once()
    {
        var cache = _service.App.Services.GetRequiredService<JwtSchemeStates>().Get("Bearer").Cache;
        var old = _issuer.Token(kid: "rsa-1");
        await ExpectAsync(HttpStatusCode.OK, old);
        Assert.Equal(1, _issuer.JwksRequests);
        Assert.NotNull(cache.Find(old));

        _issuer.AddKey("rsa-2", publish: true);
        await ExpectAsync(HttpStatusCode.OK, _issuer.Token(kid: "rsa-2"));
        Assert.Equal(2, _issuer.JwksRequests);
        Assert.Null(cache.Find(old));

        // The issuer retires rsa-1; the next fetch (here: for a kid nobody knows yet) learns it.
        _issuer.Unpublish("rsa-1");
        _issuer.AddKey("rsa-3", publish: true);
        _time.Advance(TimeSpan.FromSeconds(31));
        await ExpectAsync(HttpStatusCode.OK, _issuer.Token(kid: "rsa-3"));
        Assert.Equal(3, _issuer.JwksRequests);
        await ExpectAsync(HttpStatusCode.Unauthorized, old);
    }

    [Fact]
    public async Task Unknown_kids_fetch_the_keys_at_most_once_per_refresh_interval()
    {
        await ExpectAsync(HttpStatusCode.OK, _issuer.Token());
        var before = _issuer.JwksRequests;
        _issuer.AddKey("stranger", publish: false);
        for (var i = 0; i < 5; i++)
        {
            await ExpectAsync(HttpStatusCode.Unauthorized, _issuer.Token(kid: "stranger"));
        }

        Assert.Equal(before + 1, _issuer.JwksRequests);
        _time.Advance(TimeSpan.FromSeconds(29));
        await ExpectAsync(HttpStatusCode.Unauthorized, _issuer.Token(kid: "stranger"));
        Assert.Equal(before + 1, _issuer.JwksRequests);
        _time.Advance(TimeSpan.FromSeconds(2));
        await ExpectAsync(HttpStatusCode.Unauthorized, _issuer.Token(kid: "stranger"));
        Assert.Equal(before + 2, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Concurrent_first_requests_wait_for_one_shared_fetch_of_the_keys()
    {
        var token = _issuer.Token();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _service.GetAsync("me", token)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _issuer.JwksRequests);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private async Task ExpectAsync(HttpStatusCode status, string token)
    {
        using var response = await _service.GetAsync("me", token);
        Assert.Equal(status, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
