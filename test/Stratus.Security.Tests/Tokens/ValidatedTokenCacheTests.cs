using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Stratus.Security.Tokens;

namespace Stratus.Security.Tests.Tokens;

public sealed class ValidatedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_is_remembered_until_its_exp_and_never_past_it()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Remember("a.b.c", Principal(_time.GetUtcNow().AddSeconds(30)), cache.Generation);
        Assert.Equal("alice", cache.Find("a.b.c")?.FindFirst("sub")?.Value);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(cache.Find("a.b.c"));
    }

    [Fact]
    public void A_long_lived_token_is_remembered_for_at_most_a_minute()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Remember("a.b.c", Principal(_time.GetUtcNow().AddHours(1)), cache.Generation);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(cache.Find("a.b.c"));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(cache.Find("a.b.c"));
    }

    [Fact]
    public void No_exp_an_expired_exp_or_a_key_change_during_validation_is_never_remembered()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Remember("no.exp.here", new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "test")), cache.Generation);
        cache.Remember("old.exp.here", Principal(_time.GetUtcNow().AddSeconds(-1)), cache.Generation);
        var before = cache.Generation;
        cache.Clear();
        cache.Remember("raced.the.rotation", Principal(_time.GetUtcNow().AddHours(1)), before);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Each_hit_is_a_copy_so_a_caller_adding_claims_does_not_change_the_next_one()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Remember("a.b.c", Principal(_time.GetUtcNow().AddMinutes(5)), cache.Generation);
        ((ClaimsIdentity)cache.Find("a.b.c")!.Identity!).AddClaim(new Claim("roles", "admin"));
        Assert.False(cache.Find("a.b.c")!.HasClaim("roles", "admin"));
    }

    [Fact]
    public void The_table_is_bounded()
    {
        var cache = new ValidatedTokenCache(_time);
        var principal = Principal(_time.GetUtcNow().AddMinutes(5));
        for (var i = 0; i <= ValidatedTokenCache.MaxEntries; i++)
        {
            cache.Remember("t" + i.ToString(CultureInfo.InvariantCulture), principal, cache.Generation);
        }

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.MaxEntries);
    }

    private static ClaimsPrincipal Principal(DateTimeOffset exp) => new(new ClaimsIdentity(
        [new Claim("sub", "alice"), new Claim("exp", exp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], "test"));
}
