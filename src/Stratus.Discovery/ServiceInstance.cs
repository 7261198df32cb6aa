using System.Net;
using Stratus.Eureka;

namespace Stratus.Discovery;

/// <summary>One instance of a service, as the caller connects to it.</summary>
public sealed class ServiceInstance
{
    /// <summary>Creates an instance.</summary>
    /// <param name="serviceId">The logical service name.</param>
    /// <param name="instanceId">The registry's id for the instance.</param>
    /// <param name="host">Host name or IP address to connect to.</param>
    /// <param name="port">Port to connect to.</param>
    /// <param name="isSecure">Whether to use https.</param>
    /// <param name="metadata">Metadata registered with the instance.</param>
    /// <param name="status">Status in the registry.</param>
    public ServiceInstance(string serviceId, string instanceId, string host, int port, bool isSecure,
        IReadOnlyDictionary<string, string>? metadata = null, InstanceStatus status = InstanceStatus.Up)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ServiceId = serviceId;
        InstanceId = instanceId;
        Host = host;
        Port = port;
        IsSecure = isSecure;
        Metadata = metadata ?? new Dictionary<string, string>();
        Status = status;
        Zone = Metadata.TryGetValue("zone", out var zone) && zone.Length > 0 ? zone : null;
        var hostPart = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        Uri = new Uri($"{(isSecure ? "https" : "http")}://{hostPart}:{port}/");
        EndPoint = ip is not null ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
    }

    /// <summary>The logical service name (Eureka writes it upper-case).</summary>
    public string ServiceId { get; }

    /// <summary>The registry's id for the instance.</summary>
    public string InstanceId { get; }

    /// <summary>Host name or IP address to connect to.</summary>
    public string Host { get; }

    /// <summary>Port to connect to.</summary>
    public int Port { get; }

    /// <summary>Whether calls use https.</summary>
    public bool IsSecure { get; }

    /// <summary>Base address, for example <c>http://10.0.0.12:8080/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The address as an endpoint (IP or DNS).</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The instance's zone (metadata key <c>zone</c>), if it has one.</summary>
    public string? Zone { get; }

    /// <summary>Metadata registered with the instance.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Status in the registry.</summary>
    public InstanceStatus Status { get; }

    /// <summary>Maps a Eureka instance the way Spring Cloud does: https with the secure port when that port is enabled.</summary>
    /// <param name="instance">The registry record.</param>
    /// <returns>The instance as callers see it.</returns>
    public static ServiceInstance FromEureka(InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var secure = instance.SecurePortEnabled;
        return new ServiceInstance(instance.App, instance.InstanceId, instance.HostName, secure ? instance.SecurePort : instance.Port,
            secure, instance.Metadata, instance.Status);
    }

    /// <summary>Whether two records describe the same reachable instance (id, address, status, metadata).</summary>
    internal bool SameAs(ServiceInstance other) =>
        InstanceId == other.InstanceId && Host == other.Host && Port == other.Port && IsSecure == other.IsSecure
        && Status == other.Status && Metadata.Count == other.Metadata.Count
        && Metadata.All(pair => other.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <inheritdoc/>
    public override string ToString() => $"{ServiceId}/{InstanceId} {Uri}";
}
