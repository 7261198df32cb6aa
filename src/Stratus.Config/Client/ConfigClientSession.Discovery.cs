using System.Net.Http.Headers;
using Stratus.Eureka;
using Stratus.Eureka.Json;

namespace Stratus.Config.Client;

/// <content>
/// Discovery first: the config server's addresses come from a Eureka-compatible registry, as Spring's
/// <c>spring.cloud.config.discovery</c> finds them: each UP instance's URI (https when its secure port is on), plus the
/// <c>configPath</c> metadata, with <c>user</c>/<c>password</c> metadata as credentials unless some are configured.
/// </content>
internal sealed partial class ConfigClientSession
{
    private async Task ResolveServersAsync(CancellationToken cancellationToken)
    {
        if (!Options.Discovery.Enabled)
        {
            return;
        }

        var serviceId = Options.Discovery.ServiceId;
        var problems = new List<string>();
        using var http = new HttpClient { Timeout = Options.Timeout };
        foreach (var registry in ConfigServerUris.Split(Options.Discovery.ServiceUrl ?? "http://localhost:8761/eureka/"))
        {
            try
            {
                var registryEndpoint = ServerEndpoint.Create(registry, null, null);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registryEndpoint.BaseAddress, "apps/"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.Authorization = registryEndpoint.Authorization;
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var applications = EurekaJsonReader.ReadApplications(body, out _);
                var servers = applications.Applications
                    .Where(a => string.Equals(a.Name, serviceId, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(a => a.Instances)
                    .Where(i => i.Status == InstanceStatus.Up)
                    .Select(ToEndpoint)
                    .ToArray();
                if (servers.Length == 0)
                {
                    problems.Add($"{registryEndpoint.Display}: no UP instance of {serviceId}");
                    continue;
                }

                Client.Servers = servers;
                if (Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                {
                    var found = string.Join(", ", servers.Select(s => s.Display));
                    Log.ServerFound(Logger, serviceId, found);
                }
                return;
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or EurekaFormatException or TaskCanceledException or UriFormatException)
            {
                problems.Add($"{ConfigServerUris.Mask(registry)}: {e.Message}");
            }
        }

        Log.ServerNotFound(Logger, serviceId, string.Join("; ", problems));
    }

    private ServerEndpoint ToEndpoint(InstanceInfo instance)
    {
        var secure = instance.SecurePortEnabled;
        var builder = new UriBuilder(secure ? "https" : "http", instance.HostName, secure ? instance.SecurePort : instance.Port);
        if (instance.Metadata.TryGetValue("configPath", out var path))
        {
            builder.Path = path;
        }

        instance.Metadata.TryGetValue("user", out var user);
        instance.Metadata.TryGetValue("password", out var password);
        return ServerEndpoint.Create(builder.Uri.ToString(), Options.Username ?? user, Options.Password ?? password);
    }
}
