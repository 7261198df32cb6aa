using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary>RequestRateLimiter in process and through a real Redis shared by two real gateways.</summary>
public sealed class RateLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Local_bucket_allows_the_burst_then_429_with_Spring_s_headers_and_refuses_an_anonymous_principal()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            // 20 tokens a request from a bucket of 60 refilled at 1 a second: three requests, then 20 s until the next one,
            // so a slow machine cannot refill the bucket between the requests.
            Routes.Route("limited", backend.Address, ["Path=/limited"], ["RequestRateLimiter=1, 60, 20, client-address"]),
            Routes.Route("by-user", backend.Address, ["Path=/user"], ["RequestRateLimiter=1, 3"])));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Client.GetAsync(new Uri("limited", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
            Assert.Equal("60", response.Headers.GetValues("X-RateLimit-Burst-Capacity").Single());
            Assert.Equal("1", response.Headers.GetValues("X-RateLimit-Replenish-Rate").Single());
            Assert.Equal("20", response.Headers.GetValues("X-RateLimit-Requested-Tokens").Single());
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, backend.Requests);

        using var anonymous = await gateway.Client.GetAsync(new Uri("user", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(3, backend.Requests);
    }

    [Fact]
    public async Task A_client_cannot_escape_its_bucket_with_forwarding_headers()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("limited", backend.Address, ["Path=/limited"], ["RequestRateLimiter=1, 2, 1, client-address"])));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("limited", UriKind.Relative));
            request.Headers.Add("X-Forwarded-For", $"10.0.0.{i}");
            using var response = await gateway.Client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Two_gateways_share_one_Redis_bucket_and_a_paused_Redis_fails_open_or_closed_as_configured()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var backend = await Backend.StartAsync();
        var route = new
        {
            Id = "shared",
            Uri = backend.Address.GetLeftPart(UriPartial.Authority),
            Predicates = new[] { "Path=/shared" },
            Filters = new object[]
            {
                new { Name = "RequestRateLimiter", Args = new Dictionary<string, string> { ["redis-rate-limiter.replenishRate"] = "1", ["redis-rate-limiter.burstCapacity"] = "4", ["key-resolver"] = "client-address" } },
            },
        };
        var open = new Dictionary<string, string?> { ["Stratus:Gateway:RateLimiter:Redis:Configuration"] = redis.Configuration, ["Stratus:Gateway:RateLimiter:Redis:Timeout"] = "00:00:00.300" };
        var closed = new Dictionary<string, string?>(open) { ["Stratus:Gateway:RateLimiter:Redis:FailOpen"] = "false" };
        await using var first = await GatewayHost.StartAsync(Routes.Json(route), open);
        await using var second = await GatewayHost.StartAsync(Routes.Json(route), closed);

        var allowed = 0;
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).Client.GetAsync(new Uri("shared", UriKind.Relative), Ct);
            allowed += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{response.StatusCode}");
        }

        Assert.InRange(allowed, 4, 5);

        redis.Pause();
        try
        {
            using var failOpen = await first.Client.GetAsync(new Uri("shared", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, failOpen.StatusCode);
            Assert.Equal("-1", failOpen.Headers.GetValues("X-RateLimit-Remaining").Single());
            using var failClosed = await second.Client.GetAsync(new Uri("shared", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failClosed.StatusCode);
            var health = first.App.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
            var report = await health.CheckHealthAsync(Ct);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, report.Entries["gatewayRateLimiter"].Status);
            var closedReport = await second.App.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(Ct);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, closedReport.Entries["gatewayRateLimiter"].Status);
            lock (first.Logs)
            {
                Assert.Contains(first.Logs, l => l.StartsWith("1310 ", StringComparison.Ordinal) && l.Contains("fail open", StringComparison.Ordinal));
            }

            lock (second.Logs)
            {
                Assert.Contains(second.Logs, l => l.StartsWith("1310 ", StringComparison.Ordinal) && l.Contains("fail closed", StringComparison.Ordinal));
            }
        }
        finally
        {
            redis.Resume();
        }
    }
}
