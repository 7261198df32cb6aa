using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Discovery;
using Stratus.IntegrationTests.Discovery;

namespace Stratus.IntegrationTests.Compat;

/// <summary>
/// Services registered by a client someone else wrote (Node services using the npm <c>eureka-js-client</c>) are
/// found and called by name from .NET through the Stratus discovery client and load balancer, and leave the
/// caller's view when they deregister.
/// </summary>
public sealed class EurekaJsServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dotnet_calls_node_services_registered_by_eureka_js_client_by_name()
    {
        await using var fleet = await ServiceFleet.StartAsync();
        using var first = StartNode(fleet, "NODE-SERVICE", "node-a");
        using var second = StartNode(fleet, "NODE-SERVICE", "node-b");
        try
        {
            using var caller = fleet.StartCaller("node-service");
            var discovery = caller.Services.GetRequiredService<IDiscoveryClient>();
            await ServiceFleet.WaitUntilAsync(() => Task.FromResult(discovery.GetInstances("node-service").Length == 2),
                TimeSpan.FromSeconds(20), "the caller to see both Node instances");

            var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("target");
            var answers = new HashSet<string>();
            for (var i = 0; i < 6; i++)
            {
                answers.Add(await client.GetStringAsync("whoami", Ct));
            }

            Assert.Equal(["node-a", "node-b"], answers.Order());

            // eureka-js-client deregisters on SIGTERM; the caller's view follows through the watch endpoint.
            _ = StratusProcess.Kill(first.Process.Id, 15);
            await first.Process.WaitForExitAsync(Ct);
            await ServiceFleet.WaitUntilAsync(() => Task.FromResult(discovery.GetInstances("node-service").Length == 1),
                TimeSpan.FromSeconds(10), "the deregistered Node instance to leave the view");
            Assert.Equal("node-b", await client.GetStringAsync("whoami", Ct));
        }
        finally
        {
            first.Stop();
            second.Stop();
        }
    }

    private sealed class NodeService(Process process) : IDisposable
    {
        public Process Process => process;

        public void Stop()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Stop();
            process.Dispose();
        }
    }

    private static NodeService StartNode(ServiceFleet fleet, string app, string name)
    {
        var folder = NodeScript.Folder("eureka-js", "eureka-js-client");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "eureka-js-client")))
        {
            Assert.Fail($"eureka-js-client is not installed in {folder}; run ./test.sh (it runs npm ci there) or 'npm ci' in that folder");
        }

        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve.js", fleet.RegistryBase.Host, fleet.RegistryBase.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), app, name,
            StratusProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return new NodeService(Process.Start(info)!);
    }
}
