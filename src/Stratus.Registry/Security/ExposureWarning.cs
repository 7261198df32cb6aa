using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Registry.Security;

/// <summary>Warns once the server listens beyond loopback while writes need no credentials.</summary>
internal sealed partial class ExposureWarning(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<RegistryOptions> options,
    ILogger<ExposureWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        if (options.Value.RequiresAuthentication)
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!IsLoopback(address))
            {
                LogExposed(logger, address);
                return;
            }
        }
    }

    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(EventId = 900, EventName = "RegistryWritesUnauthenticated", Level = LogLevel.Warning,
        Message = "Registry listens on {Address} beyond loopback and accepts writes without credentials; set Stratus:Registry:Username/Password or BearerToken")]
    private static partial void LogExposed(ILogger logger, string address);
}
