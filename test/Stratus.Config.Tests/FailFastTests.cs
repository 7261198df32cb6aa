using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Stratus.Config.Client;
using Stratus.Config.Tests.Support;

namespace Stratus.Config.Tests;

public sealed class FailFastTests
{
    [Fact]
    public async Task Fail_fast_stops_start_after_the_attempts_with_a_message_naming_the_server_and_cause()
    {
        await using var failing = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("""{"status":500,"message":"repository is broken"}""");
        });
        var watch = Stopwatch.StartNew();
        var builder = ClientApp.Builder(
            [$"--Stratus:Config:Uri={failing.Url}", "--Stratus:Config:FailFast=true", "--Stratus:Config:Retry:MaxAttempts=3",
             "--Stratus:Config:Retry:InitialInterval=00:00:00.100"]);
        var error = Assert.Throws<ConfigServerUnavailableException>(() => { builder.AddStratusConfigClient(); });
        watch.Stop();

        Assert.Equal(3, failing.Requests);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(100 + 110), $"retries waited only {watch.Elapsed}");
        Assert.Contains(failing.Url, error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("repository is broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_back_off_is_Spring_s_six_attempts_from_one_second_times_one_point_one()
    {
        await using var failing = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var options = new ConfigClientOptions { Uri = failing.Url, Name = "orders", Profile = "dev", FailFast = true };
        var time = new FakeTimeProvider();
        using var session = new ConfigClientSession(options, time);
        var logs = new LogCapture();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        session.Logger.Attach(loggerFactory);
        var load = Task.Run(session.EnsureLoaded, TestContext.Current.CancellationToken);

        double[] expectedMs = [1000, 1100, 1210, 1331, 1464.1];
        for (var attempt = 1; attempt <= expectedMs.Length; attempt++)
        {
            await WaitForAsync(() => failing.Requests == attempt || load.IsFaulted, () => $"requests {failing.Requests} attempt {attempt} status {load.Status}");
            Assert.False(load.IsFaulted, load.Exception?.ToString());
            await WaitForAsync(() => logs.Entries.Count(e => e.EventId == 1201) == attempt);
            await Task.Delay(100, TestContext.Current.CancellationToken); // the delay timer is registered right after the log line
            time.Advance(TimeSpan.FromMilliseconds(expectedMs[attempt - 1] - 1));
            await Task.Delay(150, TestContext.Current.CancellationToken);
            Assert.Equal(attempt, failing.Requests);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await WaitForAsync(() => load.IsCompleted);
        Assert.Contains(logs.Entries, e => e.EventId == 1202);
        Assert.Equal(6, failing.Requests);
        var error = await Assert.ThrowsAsync<ConfigServerUnavailableException>(() => load);
        Assert.Contains("6 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_fail_fast_one_attempt_is_made_and_start_goes_on_with_local_configuration()
    {
        var closed = ScriptedServer.ClosedPortUrl();
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """{ "greeting": "local" }""", TestContext.Current.CancellationToken);
        await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={closed}", $"--Stratus:Config:Cache:Path={root}/cache"], root);

        Assert.Equal("local", app.Configuration["greeting"]);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 1204 && e.Message.Contains(closed, StringComparison.Ordinal));
        var health = await app.Client.GetStringAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("\"status\":\"Degraded\"", health, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"localOnly\"", health, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stratus:Config:Uri=ftp://x", "Stratus:Config:Uri")]
    [InlineData("Stratus:Config:Retry:MaxAttempts=0", "Retry:MaxAttempts")]
    [InlineData("Stratus:Config:Profile=../admin", "Stratus:Config:Profile")]
    [InlineData("spring.cloud.config.fail-fast=maybe", "spring.cloud.config.fail-fast")]
    [InlineData("Stratus:Config:Label=a%2fb", "Stratus:Config:Label")]
    public void Invalid_settings_stop_with_the_key_named(string setting, string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientApp.Builder(["--" + setting]).AddStratusConfigClient());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_client_adds_no_source_and_makes_no_request()
    {
        var builder = ClientApp.Builder(["--spring.cloud.config.enabled=false"]);
        builder.AddStratusConfigClient();
        Assert.DoesNotContain(builder.Configuration.Sources, s => s is ConfigServerConfigurationSource);
    }

    private static async Task WaitForAsync(Func<bool> condition, Func<string>? describe = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "condition not met within 10 s " + describe?.Invoke());
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
