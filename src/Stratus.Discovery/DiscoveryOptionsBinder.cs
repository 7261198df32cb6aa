using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Discovery;

/// <summary>
/// Fills <see cref="DiscoveryOptions"/> from the Spring Cloud names a Spring user already has
/// (<c>spring.application.name</c>, <c>eureka.client.*</c>, <c>eureka.instance.*</c>), and the app name from
/// the host. Stratus keys win. A Spring value that does not parse is reported by <see cref="DiscoveryOptionsRules"/>.
/// </summary>
internal sealed class DiscoveryOptionsBinder(IConfiguration configuration, IHostEnvironment? environment = null)
    : IConfigureOptions<DiscoveryOptions>
{
    public void Configure(DiscoveryOptions options)
    {
        var stratus = configuration.GetSection(DiscoveryOptions.SectionName);
        var client = configuration.GetSection("eureka:client");
        var instance = configuration.GetSection("eureka:instance");
        var errors = options.AliasErrors;

        if (stratus["AppName"] is null)
        {
            options.AppName = configuration["spring:application:name"] ?? options.AppName ?? environment?.ApplicationName;
        }

        if (stratus["ServiceUrl"] is null && Spring(client, "service-url:defaultZone", "serviceUrl:defaultZone") is { } zoneUrls)
        {
            options.ServiceUrl = zoneUrls;
        }

        if (Spring(client, "enabled", "enabled") is { } enabledText)
        {
            if (ParseBool(enabledText, "eureka.client.enabled", errors) is false)
            {
                options.Register = false;
                options.Fetch = false;
            }
        }

        if (stratus["Register"] is null && Spring(client, "register-with-eureka", "registerWithEureka") is { } register
            && ParseBool(register, "eureka.client.register-with-eureka", errors) is { } doRegister)
        {
            options.Register = doRegister;
        }

        if (stratus["Fetch"] is null && Spring(client, "fetch-registry", "fetchRegistry") is { } fetch
            && ParseBool(fetch, "eureka.client.fetch-registry", errors) is { } doFetch)
        {
            options.Fetch = doFetch;
        }

        if (stratus["RegistryFetchInterval"] is null
            && Spring(client, "registry-fetch-interval-seconds", "registryFetchIntervalSeconds") is { } fetchSeconds
            && ParseSeconds(fetchSeconds, "eureka.client.registry-fetch-interval-seconds", errors) is { } fetchInterval)
        {
            options.RegistryFetchInterval = fetchInterval;
        }

        if (stratus["LeaseRenewalInterval"] is null
            && Spring(instance, "lease-renewal-interval-in-seconds", "leaseRenewalIntervalInSeconds") is { } renewSeconds
            && ParseSeconds(renewSeconds, "eureka.instance.lease-renewal-interval-in-seconds", errors) is { } renewal)
        {
            options.LeaseRenewalInterval = renewal;
        }

        if (stratus["LeaseExpirationDuration"] is null
            && Spring(instance, "lease-expiration-duration-in-seconds", "leaseExpirationDurationInSeconds") is { } expirySeconds
            && ParseSeconds(expirySeconds, "eureka.instance.lease-expiration-duration-in-seconds", errors) is { } expiry)
        {
            options.LeaseExpirationDuration = expiry;
        }

        options.InstanceId ??= Spring(instance, "instance-id", "instanceId");
        options.HostName ??= Spring(instance, "hostname", "hostName");
        options.IpAddress ??= Spring(instance, "ip-address", "ipAddress");

        if (stratus["PreferIpAddress"] is null && Spring(instance, "prefer-ip-address", "preferIpAddress") is { } preferIp
            && ParseBool(preferIp, "eureka.instance.prefer-ip-address", errors) is { } prefer)
        {
            options.PreferIpAddress = prefer;
        }

        if (stratus["HealthCheckPath"] is null && Spring(instance, "health-check-url-path", "healthCheckUrlPath") is { } health)
        {
            options.HealthCheckPath = health;
        }

        if (stratus["StatusPagePath"] is null && Spring(instance, "status-page-url-path", "statusPageUrlPath") is { } status)
        {
            options.StatusPagePath = status;
        }

        foreach (var section in new[] { instance.GetSection("metadata-map"), instance.GetSection("metadataMap") })
        {
            foreach (var entry in section.GetChildren())
            {
                if (entry.Value is { } value)
                {
                    options.Metadata.TryAdd(entry.Key, value);
                }
            }
        }

        if (options.Zone is null && options.Metadata.TryGetValue("zone", out var zone))
        {
            options.Zone = zone;
        }
    }

    private static string? Spring(IConfigurationSection section, string kebab, string camel) => section[kebab] ?? section[camel];

    private static bool? ParseBool(string text, string key, List<string> errors)
    {
        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add($"{key} must be true or false, not '{text}'.");
        return null;
    }

    private static TimeSpan? ParseSeconds(string text, string key, List<string> errors)
    {
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"{key} must be a whole number of seconds, not '{text}'.");
        return null;
    }
}
