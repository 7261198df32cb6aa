using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Stratus.Config.Tests.Support;
using Stratus.ConfigServer.Tests.Support;

namespace Stratus.Config.Tests;

/// <summary>Servers that answer badly: a clear log line, no partial configuration, and local values untouched.</summary>
public sealed class BadServerTests
{
    public static TheoryData<string, string, string> Answers => new()
    {
        { "500", """{"status":500,"message":"boom"}""", "500" },
        { "200", """{"propertySources":[{"name":"a","source":{"good":"1"}},{"name":"b","source":{"bad":{"nested":true}}}]}""", "malformed answer" },
        { "200", """{"propertySources":[{"name":"a","source":{"good":"1"}}""", "malformed answer" },
        { "200", """<html>not json</html>""", "malformed answer" },
        { "200", """{"name":"orders"}""", "propertySources" },
        { "404", """{"status":404,"message":"No such label: nope"}""", "No such label" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_bad_answer_yields_no_remote_keys_and_a_log_line_naming_the_problem(string status, string body, string expected)
    {
        await using var server = await ScriptedServer.StartAsync(async context =>
        {
            context.Response.StatusCode = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """{ "good": "local" }""", TestContext.Current.CancellationToken);
        await using var app = await ClientApp.StartAsync([$"--Stratus:Config:Uri={server.Url}", "--Stratus:Config:Watch:Enabled=false", $"--Stratus:Config:Cache:Path={root}/c"], root);

        Assert.Equal("local", app.Configuration["good"]);
        Assert.Null(app.Configuration["bad:nested"]);
        var line = Assert.Single(app.Logs.Entries, e => e.EventId == 1204);
        Assert.Contains(expected, line.Message, StringComparison.Ordinal);
        Assert.Contains(server.Url, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_times_out_and_the_next_one_answers()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: from-fast\n").Commit();
        await using var fast = await ConfigServerHost.StartGitAsync(repo.Uri);
        await using var slow = await ScriptedServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync(
            [$"--Stratus:Config:Uri={slow.Url},{fast.BaseAddress}", "--Stratus:Config:Timeout=00:00:00.500", $"--Stratus:Config:Cache:Path={root}"], root);
        Assert.Equal("from-fast", app.Configuration["greeting"]);
    }

    [Fact]
    public async Task A_label_that_does_not_exist_is_named_in_the_fail_fast_message()
    {
        using var repo = new GitRepo();
        repo.Write("orders.yml", "greeting: x\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri);
        var error = Assert.Throws<ConfigServerUnavailableException>(() => ClientApp.Builder(
            [$"--Stratus:Config:Uri={server.BaseAddress}", "--Stratus:Config:Label=release/9.9", "--Stratus:Config:FailFast=true", "--Stratus:Config:Retry:MaxAttempts=1"])
            .AddStratusConfigClient());
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("label 'release/9.9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cipher_values_left_by_the_server_are_decrypted_with_the_client_key()
    {
        var encryptor = new Stratus.Config.Encryption.SpringTextEncryptor("client-side-key", "deadbeef");
        using var repo = new GitRepo();
        repo.Write("orders.yml", $"db:\n  password: '{{cipher}}{encryptor.Encrypt("p@ss")}'\n  other: '{{cipher}}{new Stratus.Config.Encryption.SpringTextEncryptor("another", "deadbeef").Encrypt("x")}'\n").Commit();
        await using var server = await ConfigServerHost.StartGitAsync(repo.Uri, ("Stratus:ConfigServer:Encrypt:Enabled", "false"));
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        await using var app = await ClientApp.StartAsync(
            [$"--Stratus:Config:Uri={server.BaseAddress}", "--encrypt.key=client-side-key", $"--Stratus:Config:Cache:Path={root}"], root);
        Assert.Equal("p@ss", app.Configuration["db:password"]);
        Assert.Null(app.Configuration["db:other"]);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 1210 && e.Message.Contains("db:other", StringComparison.Ordinal));
        Assert.DoesNotContain("p@ss", app.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_goes_on_while_the_first_fetch_runs_and_the_first_read_waits_for_it()
    {
        await using var slow = await ScriptedServer.StartAsync(async context =>
        {
            await Task.Delay(600, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"name":"orders","version":"v9","propertySources":[{"name":"slow","source":{"greeting":"late but whole"}}]}""");
        });
        var root = Directory.CreateTempSubdirectory("stratus-client-").FullName;
        var builder = ClientApp.Builder([$"--Stratus:Config:Uri={slow.Url}", "--Stratus:Config:Watch:Enabled=false", $"--Stratus:Config:Cache:Path={root}"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        builder.AddStratusConfigClient();
        var added = clock.Elapsed;
        Assert.True(added < TimeSpan.FromMilliseconds(500), $"adding the source waited {added} for the server");
        Assert.Equal("late but whole", builder.Configuration["greeting"]);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"the first read did not wait for the fetch ({clock.Elapsed})");
        Assert.Equal("v9", builder.Configuration["config:client:version"]);
    }
}
