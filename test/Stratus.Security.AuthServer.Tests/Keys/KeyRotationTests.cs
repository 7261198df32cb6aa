using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stratus.Security.AuthServer.Keys;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Keys;

public sealed class KeyRotationTests
{
    [Fact]
    public async Task Rotation_signs_new_tokens_with_a_new_kid_keeps_the_old_key_published_until_its_tokens_expire_then_drops_it()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        settings["Stratus:AuthServer:Keys:RotationInterval"] = "01:00:00";
        await using var server = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings, s => s.AddSingleton<TimeProvider>(clock));
        var ring = server.Services.GetRequiredService<SigningKeyRing>();
        var before = await OAuth.AccessTokenAsync(server.Client);
        var oldKid = OAuth.Read(before).Kid;

        await ring.RotateAsync(TestContext.Current.CancellationToken);
        var after = await OAuth.AccessTokenAsync(server.Client);
        var jwks = await OAuth.JwksAsync(server.Client);

        var newKid = OAuth.Read(after).Kid;
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(new[] { newKid, oldKid }.Order(), jwks.Keys.Select(k => k.Kid).Order());
        Assert.True((await OAuth.ValidateAsync(before, jwks, server.Issuer, "orders-service")).IsValid, "a token of the retired key must still validate");
        Assert.True((await OAuth.ValidateAsync(after, jwks, server.Issuer, "orders-service")).IsValid);
        var (_, introspection, _) = await OAuth.PostFormAsync(server.Client, "connect/introspect", new Dictionary<string, string> { ["token"] = before },
            (AuthServerHost.ClientId, AuthServerHost.ClientSecret));
        Assert.True(introspection.GetProperty("active").GetBoolean(), "the server itself must still accept the retired key's tokens");

        // Retention defaults to the longest token lifetime (refresh tokens, 60 minutes) plus a minute.
        clock.Advance(TimeSpan.FromMinutes(60));
        await ring.MaintainAsync(TestContext.Current.CancellationToken);
        Assert.Contains(oldKid, (await OAuth.JwksAsync(server.Client)).Keys.Select(k => k.Kid));

        clock.Advance(TimeSpan.FromMinutes(1));
        await ring.MaintainAsync(TestContext.Current.CancellationToken);
        var kids = (await OAuth.JwksAsync(server.Client)).Keys.Select(k => k.Kid).ToList();
        Assert.DoesNotContain(oldKid, kids);

        // By then the active key is over the one-hour rotation interval too, so maintenance replaced it on its own.
        var latest = OAuth.Read(await OAuth.AccessTokenAsync(server.Client)).Kid;
        Assert.NotEqual(newKid, latest);
        Assert.Contains(latest, kids);
        Assert.Contains(newKid, kids);
    }

    [Fact]
    public async Task ES256_keys_sign_ES256_tokens_that_the_jwks_verifies()
    {
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        settings["Stratus:AuthServer:Keys:Algorithm"] = "ES256";
        await using var server = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings);

        var token = await OAuth.AccessTokenAsync(server.Client);
        var jwks = await OAuth.JwksAsync(server.Client);

        Assert.Equal("ES256", OAuth.Read(token).Alg);
        var key = Assert.Single(jwks.Keys);
        Assert.Equal("EC", key.Kty);
        Assert.Equal("P-256", key.Crv);
        Assert.Equal(key.Kid, OAuth.Read(token).Kid);
        Assert.True((await OAuth.ValidateAsync(token, jwks, server.Issuer, "orders-service")).IsValid);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(".well-known/openid-configuration", TestContext.Current.CancellationToken)).StatusCode);
    }
}
