using System.Net;
using System.Reflection;
using Aspire.Hosting.Testing;

namespace Stratus.Aspire.Hosting.Tests.Integration;

/// <summary>
/// A real Aspire application through DCP, no containers: <c>stratus registry</c> as an executable resource and
/// <c>test/Stratus.TestService</c> as a project resource that references it, waits for it and registers in it.
/// </summary>
public sealed class RegistryWithServiceTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RegistrationTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_service_that_references_the_registry_registers_in_it()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var ct = timeout.Token;

        var builder = DistributedApplicationTestingBuilder.Create(
            [$"--Stratus:Aspire:CliPath={Metadata("StratusCliPath")}"],
            (options, _) =>
            {
                // DCP's path is in this assembly's metadata (Aspire.Hosting.AppHost's build logic put it there).
                options.AssemblyName = typeof(RegistryWithServiceTests).Assembly.GetName().Name;
                options.DisableDashboard = true;
            });
        var registry = builder.AddStratusRegistry("registry");
        builder.AddProject("aspire-test-service", Metadata("TestServiceProjectPath"))
            .WithHttpEndpoint()
            .WithEnvironment("spring__application__name", "aspire-test-service")
            .WithEnvironment("Stratus__Discovery__LeaseRenewalInterval", "00:00:01")
            .WithReference(registry)
            .WaitFor(registry);

        await using var app = await builder.BuildAsync(ct);
        await app.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("registry", ct);
        await app.ResourceNotifications.WaitForResourceAsync("aspire-test-service", KnownResourceStates.Running, ct);

        using var client = app.CreateHttpClient("registry", "http");
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        var body = await PollAsync(client, "eureka/apps/ASPIRE-TEST-SERVICE", RegistrationTimeout, ct);

        Assert.Contains("\"app\":\"ASPIRE-TEST-SERVICE\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"UP\"", body, StringComparison.Ordinal);
        await app.StopAsync(ct);
    }

    /// <summary>Asks until the registry knows the application (registration runs in the background after start).</summary>
    private static async Task<string> PollAsync(HttpClient client, string path, TimeSpan budget, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(budget);
        try
        {
            while (true)
            {
                using var response = await client.GetAsync(path, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(deadline.Token);
                }

                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"The registry did not list {path} within {budget.TotalSeconds} s of the service running: Stratus__Discovery__ServiceUrl did not reach the service, or it did not register.");
            throw;
        }
    }

    private static string Metadata(string key) =>
        typeof(RegistryWithServiceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No assembly metadata '{key}'.");
}
