using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Stratus.Aspire.Hosting.Tests.Integration;

/// <summary>
/// The real OStock app host (<c>samples/OStock/OStock.AppHost</c>) through DCP, no containers: registry, config server,
/// auth server and gateway as <c>stratus</c> executables, two organization-service instances and licensing-service as
/// projects. The testing builder gives every proxied endpoint a free port instead of 8761/8888/9000/8080, and the test
/// points the SQLite files at a temporary folder; everything else is the app host's own model.
/// </summary>
[Collection(nameof(OStockAppHostCollection))]
public sealed class OStockAppHostTests : IDisposable
{
    /// <summary>
    /// From <c>StartAsync</c> (which returns once DCP has started every resource, after the waits of <c>WaitFor</c>) to
    /// every resource healthy: seven .NET processes from cold on a small shared machine.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Registration and the registry fetches of the gateway and licensing-service after everything is healthy.</summary>
    private static readonly TimeSpan RoutingTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] Resources =
        ["registry", "config-server", "auth-server", "organization-service-1", "organization-service-2", "licensing-service", "gateway"];

    private readonly string _data = Directory.CreateTempSubdirectory("stratus-ostock-apphost-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Through_the_gateway_a_token_of_ostock_client_creates_and_reads_an_organisation_and_its_licence()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OStock_AppHost>(
            [], (options, _) => options.DisableDashboard = true, ct);

        // Aspire's health checks log every refused connection while a process starts and after it stops; a resource
        // that never becomes healthy is reported below with its own log lines instead.
        builder.Services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));

        // Data in a temporary folder rather than under the app host's obj/ and the services' data/ folders.
        builder.CreateResourceBuilder<StratusAuthServerResource>("auth-server")
            .WithEnvironment("Stratus__AuthServer__Database__Path", Path.Combine(_data, "stratus-auth.db"));
        foreach (var organization in new[] { "organization-service-1", "organization-service-2" })
        {
            builder.CreateResourceBuilder<ProjectResource>(organization)
                .WithEnvironment("ConnectionStrings__Organization", $"Data Source={Path.Combine(_data, "organization.db")}");
        }

        builder.CreateResourceBuilder<ProjectResource>("licensing-service")
            .WithEnvironment("ConnectionStrings__Licensing", $"Data Source={Path.Combine(_data, "licensing.db")}");

        await using var app = await builder.BuildAsync(ct);
        await StartHealthyAsync(app, ct);

        using var gateway = app.CreateHttpClient("gateway", "http");
        Assert.NotEqual(8080, gateway.BaseAddress!.Port);
        using (var auth = app.CreateHttpClient("auth-server", "http"))
        {
            gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                await ClientCredentialsTokenAsync(auth, "organizations.read organizations.write licenses.read licenses.write", ct));
        }

        await WaitUntilAsync(async () =>
        {
            using var organization = await gateway.GetAsync("organization/v1/organization/none", ct);
            using var licences = await gateway.GetAsync("license/v1/organization/none/license", ct);
            return organization.StatusCode == HttpStatusCode.NotFound && licences.StatusCode == HttpStatusCode.OK;
        }, "the gateway to route /organization/** and /license/** with the token (404 and 200)", ct);

        // Both routes work, so the 401 is about the missing token: both services check tokens, the gateway relays them.
        using (var anonymous = app.CreateHttpClient("gateway", "http"))
        {
            foreach (var path in new[] { "organization/v1/organization/none", "license/v1/organization/none/license" })
            {
                using var response = await anonymous.GetAsync(path, ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path} without a token answered {(int)response.StatusCode}, not 401");
            }
        }

        var organizationId = "org-" + Guid.NewGuid().ToString("N")[..12];
        using (var created = await gateway.PostAsync("organization/v1/organization", Json(
                   $$"""{"id":"{{organizationId}}","name":"HR-PowerSuite","contactName":"Doug Drewry","contactEmail":"doug@hr.example","contactPhone":"920-555-1212"}"""), ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var created = await gateway.PostAsync($"license/v1/organization/{organizationId}/license", Json(
                   """{"licenseId":"f3831f8c-c338-4ebe","description":"Software product","productName":"Ostock","licenseType":"full"}"""), ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // licensing-service asks organization-service by its logical name through the registry, relaying the token (a
        // 401 there reads as "unavailable"); until its registry view holds organization-service it answers "unavailable".
        JsonElement licence = default;
        await WaitUntilAsync(async () =>
        {
            using var read = await gateway.GetAsync($"license/v1/organization/{organizationId}/license/f3831f8c-c338-4ebe", ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            licence = JsonDocument.Parse(await read.Content.ReadAsStringAsync(ct)).RootElement.Clone();
            return licence.GetProperty("organizationDetails").GetString() == "available";
        }, "licensing-service to read the licence's organisation from organization-service (organizationDetails 'available')", ct);

        Assert.Equal("HR-PowerSuite", licence.GetProperty("organizationName").GetString());
        Assert.Equal("Doug Drewry", licence.GetProperty("contactName").GetString());

        // The services run with the profiles dev,secure: the dev file of the config repository answers the comment.
        Assert.Equal("I AM DEV", licence.GetProperty("comment").GetString());
        await app.StopAsync(ct);
    }

    /// <summary>Starts the application and waits for every resource to be healthy within one budget; names those that were not.</summary>
    private static async Task StartHealthyAsync(DistributedApplication app, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        try
        {
            await app.StartAsync(deadline.Token);
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var unhealthy = Resources.Where(r => !app.ResourceNotifications.TryGetCurrentState(r, out var e) || e.Snapshot.HealthStatus != HealthStatus.Healthy).ToList();
            var states = string.Join(", ", unhealthy.Select(r => $"'{r}' ({(app.ResourceNotifications.TryGetCurrentState(r, out var e) ? e.Snapshot.State?.Text : "no state")})"));
            Assert.Fail($"Not healthy within {StartTimeout.TotalMinutes} min of the start: {states}. The last log lines of '{unhealthy.FirstOrDefault()}':\n{await LastLogLinesAsync(app, unhealthy.FirstOrDefault() ?? Resources[0])}");
        }
    }

    private static async Task<string> LastLogLinesAsync(DistributedApplication app, string resource)
    {
        var lines = new List<string>();
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            // By the model's resource, not its name: DCP runs it under a name with a suffix, and its logs are kept under that.
            var model = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model).WithCancellation(budget.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException)
        {
            lines.Add("(log read cut short)");
        }

        return string.Join('\n', lines.TakeLast(40));
    }

    /// <summary>A client-credentials token of the app host's <c>ostock-client</c> (<c>client_secret_basic</c>).</summary>
    private static async Task<string> ClientCredentialsTokenAsync(HttpClient auth, string scope, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ostock-client:ostock-secret")));
        using var response = await auth.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(RoutingTimeout);
        try
        {
            while (!await condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"Waited {RoutingTimeout.TotalSeconds} s for {what}.");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
