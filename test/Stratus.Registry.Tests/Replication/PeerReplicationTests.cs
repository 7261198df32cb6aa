using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Registry.Replication;

namespace Stratus.Registry.Tests.Replication;

/// <summary>Two and three real registry nodes on loopback replicating to each other.</summary>
public sealed class PeerReplicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_cancel_and_status_replicate_across_three_nodes_without_loops()
    {
        var ports = FreePorts(3);
        await using var a = await StartNodeAsync(ports, 0);
        await using var b = await StartNodeAsync(ports, 1);
        await using var c = await StartNodeAsync(ports, 2);

        (await a.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        await EventuallyAsync(b, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal));
        await EventuallyAsync(c, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal));

        (await b.Client.PutAsync("eureka/apps/CUSTOMERS/c1/status?value=OUT_OF_SERVICE", null, Ct)).Dispose();
        await EventuallyAsync(a, json => json.Contains("\"status\":\"OUT_OF_SERVICE\"", StringComparison.Ordinal));
        await EventuallyAsync(c, json => json.Contains("\"status\":\"OUT_OF_SERVICE\"", StringComparison.Ordinal));

        (await c.Client.DeleteAsync("eureka/apps/CUSTOMERS/c1", Ct)).Dispose();
        await EventuallyAsync(a, json => json.Contains("\"application\":[]", StringComparison.Ordinal));
        await EventuallyAsync(b, json => json.Contains("\"application\":[]", StringComparison.Ordinal));

        // Three client writes, each sent once to two peers: a loop would keep the counters growing.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var received = new[] { a, b, c }.Sum(n => n.Services.GetRequiredService<ReplicationBatchEndpoint>().BatchesReceived);
        Assert.InRange(received, 3, 6);
    }

    [Fact]
    public async Task A_node_started_later_copies_the_registry_and_refuses_reads_until_then()
    {
        var ports = FreePorts(2);
        await using var a = await StartNodeAsync(ports, 0, syncTimeout: "00:00:00");
        (await a.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        (await a.RegisterAsync("ORDERS", "o1")).Dispose();

        await using var b = await StartNodeAsync(ports, 1);

        await EventuallyAsync(b, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal) && json.Contains("\"instanceId\":\"o1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_syncing_node_answers_403_while_a_reachable_peer_has_not_answered()
    {
        // A peer that accepts connections but never answers: the copy stays in progress.
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        var stalledPort = ((IPEndPoint)stalled.LocalEndpoint).Port;
        await using var node = await StartNodeAsync([FreePorts(1)[0], stalledPort], 0, syncTimeout: "00:00:30");

        using var response = await node.Client.GetAsync("eureka/apps", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var register = await node.RegisterAsync("CUSTOMERS", "c1");
        Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
    }

    [Fact]
    public async Task Nodes_whose_peers_are_all_down_serve_reads_without_waiting_for_the_timeout()
    {
        var ports = FreePorts(2);
        await using var lonely = await StartNodeAsync(ports, 0, syncTimeout: "00:00:30");

        await EventuallyAsync(lonely, json => json.Contains("\"applications\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_heartbeat_for_an_instance_the_peer_lacks_registers_it_there()
    {
        var ports = FreePorts(2);
        await using var a = await StartNodeAsync(ports, 0, syncTimeout: "00:00:00");
        await using var b = await StartNodeAsync(ports, 1, syncTimeout: "00:00:00");
        (await a.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        await EventuallyAsync(b, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal));

        // B loses the instance (as after a restart); the next heartbeat at A repairs it.
        using (var request = new HttpRequestMessage(HttpMethod.Delete, "eureka/apps/CUSTOMERS/c1"))
        {
            request.Headers.Add("x-netflix-discovery-replication", "true");
            (await b.Client.SendAsync(request, Ct)).Dispose();
        }

        Assert.DoesNotContain("\"instanceId\":\"c1\"", await b.GetAppsJsonAsync(), StringComparison.Ordinal);
        (await a.Client.PutAsync("eureka/apps/CUSTOMERS/c1?status=UP", null, Ct)).Dispose();

        await EventuallyAsync(b, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_endpoint_applies_good_entries_and_rejects_bad_ones_individually()
    {
        await using var node = await RegistryServer.StartAsync();
        var instance = RegistryServer.Registration("CUSTOMERS", "c1")["{\"instance\":".Length..^1];
        var body = "{\"replicationList\":[{\"appName\":\"CUSTOMERS\",\"id\":\"c1\",\"action\":\"Register\",\"instanceInfo\":" + instance + "},"
            + "{\"appName\":\"CUSTOMERS\",\"id\":\"c1\",\"action\":\"Reboot\"},"
            + "{\"appName\":\"CUSTOMERS\",\"id\":\"nope\",\"action\":\"Cancel\"}]}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await node.Client.PostAsync("eureka/peerreplication/batch", content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"responseList\":[{\"statusCode\":200},{\"statusCode\":400},{\"statusCode\":404}]}", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("\"instanceId\":\"c1\"", await node.GetAppsJsonAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicated_heartbeat_with_an_older_copy_gets_409_and_our_instance()
    {
        await using var node = await RegistryServer.StartAsync();
        (await node.RegisterAsync("CUSTOMERS", "c1", RegistryServer.Registration("CUSTOMERS", "c1", lastDirty: 2000))).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Put, "eureka/apps/CUSTOMERS/c1?status=UP&lastDirtyTimestamp=1000");
        request.Headers.Add("x-netflix-discovery-replication", "true");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await node.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("{\"instance\":{\"instanceId\":\"c1\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_nodes_replicate_with_their_credentials_and_a_shared_peer_list_skips_self()
    {
        var ports = FreePorts(2);
        var secured = new Dictionary<string, string?> { ["Stratus:Registry:Username"] = "eureka", ["Stratus:Registry:Password"] = "s3cret" };
        await using var a = await StartNodeAsync(ports, 0, syncTimeout: "00:00:00", extra: secured, includeSelf: true);
        await using var b = await StartNodeAsync(ports, 1, syncTimeout: "00:00:00", extra: secured, includeSelf: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "eureka/apps/CUSTOMERS")
        {
            Content = new StringContent(RegistryServer.Registration("CUSTOMERS", "c1"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("eureka:s3cret")));

        using var response = await a.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await EventuallyAsync(b, json => json.Contains("\"instanceId\":\"c1\"", StringComparison.Ordinal));
        Assert.Equal(0, a.Services.GetRequiredService<ReplicationBatchEndpoint>().BatchesReceived);
    }

    private static Task<RegistryServer> StartNodeAsync(int[] ports, int index, string syncTimeout = "00:00:05", Dictionary<string, string?>? extra = null, bool includeSelf = false)
    {
        var peers = string.Join(',', ports.Where((_, i) => includeSelf || i != index).Select(p => $"http://127.0.0.1:{p}/eureka/"));
        var settings = new Dictionary<string, string?>(extra ?? [])
        {
            ["Stratus:Registry:PeerUrls"] = peers,
            ["Stratus:Registry:ReplicationBatchDelay"] = "00:00:00.020",
            ["Stratus:Registry:PeerSyncTimeout"] = syncTimeout,
        };
        return RegistryServer.StartAsync(settings, port: ports[index]);
    }

    private static async Task EventuallyAsync(RegistryServer node, Func<string, bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string last = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "eureka/apps");
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await node.Client.SendAsync(request, Ct);
            last = await response.Content.ReadAsStringAsync(Ct);
            if (response.IsSuccessStatusCode && condition(last))
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"condition not met within 10 s at {node.BaseAddress}; last listing: {last}");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners)
        {
            listener.Start();
        }

        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }

        return ports;
    }
}
