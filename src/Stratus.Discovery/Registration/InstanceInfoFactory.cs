using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Stratus.Eureka;

namespace Stratus.Discovery;

/// <summary>Builds this application's <see cref="InstanceInfo"/> from the options and the addresses the server bound.</summary>
internal static class InstanceInfoFactory
{
    public static InstanceInfo? Create(DiscoveryOptions options, IEnumerable<string> boundAddresses, long nowMs, out string? problem)
    {
        problem = null;
        Uri? http = null;
        Uri? https = null;
        foreach (var address in boundAddresses)
        {
            if (!Uri.TryCreate(address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                http ??= uri;
            }
            else if (uri.Scheme == Uri.UriSchemeHttps)
            {
                https ??= uri;
            }
        }

        var bound = http ?? https;
        var port = options.Port ?? bound?.Port;
        if (port is null)
        {
            problem = $"the server reports no bound address; set {DiscoveryOptions.SectionName}:Port";
            return null;
        }

        var boundHost = bound is null || IsWildcard(bound.Host) ? null : bound.IdnHost.Trim('[', ']');
        var ip = options.IpAddress
            ?? (boundHost is not null && IPAddress.TryParse(boundHost, out _) ? boundHost : null)
            ?? FirstNonLoopbackIPv4()
            ?? "127.0.0.1";
        var host = options.PreferIpAddress ? ip : options.HostName ?? boundHost ?? Dns.GetHostName();
        var appName = options.AppName!;
        var secureOnly = options.Port is null && http is null && https is not null;
        var scheme = secureOnly ? "https" : "http";
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var baseUrl = $"{scheme}://{authority}";

        var metadata = new Dictionary<string, string>(options.Metadata, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Zone))
        {
            metadata["zone"] = options.Zone;
        }

        return new InstanceInfo
        {
            InstanceId = string.IsNullOrWhiteSpace(options.InstanceId)
                ? string.Create(CultureInfo.InvariantCulture, $"{host}:{appName.ToLowerInvariant()}:{port}")
                : options.InstanceId,
            App = appName.ToUpperInvariant(),
            HostName = host,
            IpAddr = ip,
            Status = InstanceStatus.Up,
            Port = secureOnly ? 80 : port.Value,
            PortEnabled = !secureOnly,
            SecurePort = secureOnly ? port.Value : 443,
            SecurePortEnabled = secureOnly,
            DataCenterInfo = DataCenterInfo.MyOwn,
            LeaseInfo = new LeaseInfo
            {
                RenewalIntervalInSecs = (int)Math.Ceiling(options.LeaseRenewalInterval.TotalSeconds),
                DurationInSecs = (int)Math.Ceiling(options.LeaseExpirationDuration.TotalSeconds),
            },
            Metadata = metadata,
            HomePageUrl = baseUrl + "/",
            StatusPageUrl = baseUrl + Path(options.StatusPagePath),
            HealthCheckUrl = baseUrl + Path(options.HealthCheckPath),
            SecureHealthCheckUrl = secureOnly ? baseUrl + Path(options.HealthCheckPath) : null,
            VipAddress = appName.ToLowerInvariant(),
            SecureVipAddress = appName.ToLowerInvariant(),
            LastUpdatedTimestamp = nowMs,
            LastDirtyTimestamp = nowMs,
        };
    }

    private static string Path(string path) => path.StartsWith('/') ? path : "/" + path;

    private static bool IsWildcard(string host) =>
        host is "0.0.0.0" or "[::]" or "::" or "+" or "*" or "";

    private static string? FirstNonLoopbackIPv4()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                    {
                        return unicast.Address.ToString();
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No interface list (restricted container): fall back to loopback.
        }

        return null;
    }
}
