namespace Stratus.Discovery;

/// <summary>Settings of the discovery client, bound from <c>Stratus:Discovery</c> (Spring's <c>eureka.*</c> names also work).</summary>
public sealed class DiscoveryOptions
{
    /// <summary>Configuration section: <c>Stratus:Discovery</c>.</summary>
    public const string SectionName = "Stratus:Discovery";

    /// <summary>
    /// Registry base URLs, comma separated, tried in order with fail-over. Default <c>http://localhost:8761/eureka/</c>.
    /// Credentials may sit in the URL (<c>http://user:secret@host:8761/eureka/</c>). Spring: <c>eureka.client.serviceUrl.defaultZone</c>.
    /// </summary>
    public string ServiceUrl { get; set; } = "http://localhost:8761/eureka/";

    /// <summary>Logical name the instance registers under. Default: the host's application name. Spring: <c>spring.application.name</c>.</summary>
    public string? AppName { get; set; }

    /// <summary>Register this instance with the registry. Default <see langword="true"/>.</summary>
    public bool Register { get; set; } = true;

    /// <summary>Fetch the registry so that calls by service name resolve. Default <see langword="true"/>.</summary>
    public bool Fetch { get; set; } = true;

    /// <summary>How often the lease is renewed. Default 30 seconds.</summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the registry keeps the lease without a renewal. Default 90 seconds.</summary>
    public TimeSpan LeaseExpirationDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the instance cache fetches changes when the registry offers no watch. Default 30 seconds.</summary>
    public TimeSpan RegistryFetchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Use the Stratus registry's <c>/watch</c> endpoint to learn of changes at once, when it has one. Default <see langword="true"/>.</summary>
    public bool UseWatch { get; set; } = true;

    /// <summary>Time limit of one request to a registry (watch requests excepted). Default 5 seconds.</summary>
    public TimeSpan RegistryRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a first resolution waits for the first registry fetch. Default 5 seconds.</summary>
    public TimeSpan InitialFetchWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Instance id. Default <c>{hostName}:{appName}:{port}</c>, Spring Cloud's.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Host name to register. Default: the bound address when it is specific, else the machine name.</summary>
    public string? HostName { get; set; }

    /// <summary>IP address to register. Default: the bound address when it is an IP, else the first non-loopback IPv4 address.</summary>
    public string? IpAddress { get; set; }

    /// <summary>Register the IP address as the host name, so callers connect by IP. Default <see langword="false"/>.</summary>
    public bool PreferIpAddress { get; set; }

    /// <summary>Port to register. Default: the port the server actually bound (also with <c>--urls http://127.0.0.1:0</c>).</summary>
    public int? Port { get; set; }

    /// <summary>Zone of this instance, written to the <c>zone</c> metadata key; load balancing prefers callees in the caller's zone.</summary>
    public string? Zone { get; set; }

    /// <summary>Metadata registered with the instance.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Path of the health page. Default <c>/actuator/health</c>.</summary>
    public string HealthCheckPath { get; set; } = "/actuator/health";

    /// <summary>Path of the status page. Default <c>/actuator/info</c>.</summary>
    public string StatusPagePath { get; set; } = "/actuator/info";

    /// <summary>
    /// Time between marking the instance <c>OUT_OF_SERVICE</c> and deregistering it at shutdown, so that callers
    /// stop choosing it before it goes. Default zero: deregister at once.
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; }

    /// <summary>Keep the last good view when a registry answers with an empty list while the view holds instances. Default <see langword="true"/>.</summary>
    public bool KeepViewOnEmptyResponse { get; set; } = true;

    /// <summary>Spring alias values that did not parse, reported at start by the validation.</summary>
    internal List<string> AliasErrors { get; } = [];
}
