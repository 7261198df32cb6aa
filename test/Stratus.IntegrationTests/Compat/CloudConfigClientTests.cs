using System.Diagnostics;
using System.Text.Json;

namespace Stratus.IntegrationTests.Compat;

/// <summary>
/// Compatibility with a config client someone else wrote: the npm package <c>cloud-config-client</c> (pinned in
/// <c>test/compat/cloud-config-client</c>; it sends no <c>Accept</c> header) reads from a real <c>stratus config-server</c>
/// process over a real Git repository, with and without a label, with several profiles and with Basic credentials.
/// </summary>
public sealed class CloudConfigClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cloud_config_client_reads_merged_properties_in_Spring_order()
    {
        var repo = Directory.CreateTempSubdirectory("stratus-compat-cfg-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(repo, "application.yml"), "shared: from-application\ngreeting: from-application\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(repo, "orders.yml"), "greeting: from-orders\norders:\n  limits:\n    max: 5\n  hosts:\n    - a.example\n    - b.example\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(repo, "orders-dev.properties"), "greeting=from-orders-dev\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(repo, "orders-eu.yml"), "greeting: from-orders-eu\nregion: eu\n", Ct);
            await GitAsync(repo, "init", "-q", "-b", "main");
            await GitAsync(repo, "add", "-A");
            await GitAsync(repo, "-c", "user.email=t@s", "-c", "user.name=t", "commit", "-qm", "init");
            var commit = await GitAsync(repo, "rev-parse", "HEAD");
            await GitAsync(repo, "branch", "release/1.0");

            var (server, baseAddress) = await StratusProcess.StartRoleAsync("config-server", [
                $"--Stratus:ConfigServer:Git:Uri=file://{repo}",
                "--Stratus:ConfigServer:Security:Username=reader",
                "--Stratus:ConfigServer:Security:Password=pw-123",
            ]);
            await using (server)
            {
                var endpoint = baseAddress.ToString().TrimEnd('/');
                var read = await RunClientAsync(endpoint, "orders", "dev,eu", null, "reader", "pw-123");
                Assert.Equal("orders", read.GetProperty("name").GetString());
                Assert.Equal(commit.Trim(), read.GetProperty("version").GetString());
                var properties = read.GetProperty("properties");
                Assert.Equal("from-orders-eu", properties.GetProperty("greeting").GetString());
                Assert.Equal("eu", properties.GetProperty("region").GetString());
                Assert.Equal("from-application", properties.GetProperty("shared").GetString());
                Assert.Equal(5, properties.GetProperty("orders.limits.max").GetInt32());
                var nested = read.GetProperty("nested").GetProperty("orders");
                Assert.Equal(["a.example", "b.example"], nested.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
                Assert.Equal(
                    [$"file://{repo}/orders-eu.yml", $"file://{repo}/orders-dev.properties", $"file://{repo}/orders.yml", $"file://{repo}/application.yml"],
                    read.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));

                // cloud-config-client percent-encodes the label, and an encoded slash is refused (as Tomcat refuses it under Spring): the (_) form is the way.
                var labelled = await RunClientAsync(endpoint, "orders", "dev", "release(_)1.0", "reader", "pw-123");
                Assert.Equal("release/1.0", labelled.GetProperty("label").GetString());
                Assert.Equal("from-orders-dev", labelled.GetProperty("properties").GetProperty("greeting").GetString());

                var refused = await RunClientAsync(endpoint, "orders", "dev", null, "reader", "wrong", expectFailure: true);
                Assert.Equal("Invalid response: 401", refused.GetProperty("error").GetString());
            }
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    private static async Task<JsonElement> RunClientAsync(string endpoint, string name, string profiles, string? label, string user, string password, bool expectFailure = false)
    {
        var folder = NodeScript.Folder("cloud-config-client", "cloud-config-client");
        var (exitCode, output, errors) = await NodeScript.RunAsync(folder, ["client.js", endpoint, name, profiles, label ?? string.Empty, user, password], TimeSpan.FromSeconds(30));
        Assert.True((exitCode == 0) != expectFailure, $"node client exited {exitCode}: {output}{errors}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<string> GitAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }
}
