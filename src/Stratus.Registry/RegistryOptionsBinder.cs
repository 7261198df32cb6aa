using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Stratus.Registry;

/// <summary>
/// Maps the Spring Cloud Netflix names a Spring user already has in their configuration onto
/// <see cref="RegistryOptions"/>, and splits comma lists of peer URLs. Stratus keys win over Spring ones.
/// </summary>
internal sealed class RegistryOptionsBinder(IConfiguration configuration) : IConfigureOptions<RegistryOptions>
{
    public void Configure(RegistryOptions options)
    {
        var spring = configuration.GetSection("eureka:server");
        var stratus = configuration.GetSection(RegistryOptions.SectionName);
        if (stratus["EnableSelfPreservation"] is null && Spring(spring, "enable-self-preservation", "enableSelfPreservation") is { } preserve
            && bool.TryParse(preserve, out var enabled))
        {
            options.EnableSelfPreservation = enabled;
        }

        if (stratus["RenewalPercentThreshold"] is null && Spring(spring, "renewal-percent-threshold", "renewalPercentThreshold") is { } percent
            && double.TryParse(percent, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            options.RenewalPercentThreshold = threshold;
        }

        if (stratus["EvictionInterval"] is null && Spring(spring, "eviction-interval-timer-in-ms", "evictionIntervalTimerInMs") is { } eviction
            && long.TryParse(eviction, NumberStyles.None, CultureInfo.InvariantCulture, out var evictionMs))
        {
            options.EvictionInterval = TimeSpan.FromMilliseconds(evictionMs);
        }

        if (stratus["ExpectedClientRenewalInterval"] is null
            && Spring(spring, "expected-client-renewal-interval-seconds", "expectedClientRenewalIntervalSeconds") is { } expected
            && int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedSeconds))
        {
            options.ExpectedClientRenewalInterval = TimeSpan.FromSeconds(expectedSeconds);
        }

        // Peers: Stratus:Registry:PeerUrls as a list or a comma list; else Spring's eureka.client.service-url.defaultZone.
        var peers = new List<string>();
        var peerSection = stratus.GetSection("PeerUrls");
        if (peerSection.Value is { } single)
        {
            peers.AddRange(Split(single));
        }

        foreach (var child in peerSection.GetChildren())
        {
            peers.AddRange(Split(child.Value));
        }

        if (peers.Count == 0)
        {
            var zone = configuration["eureka:client:service-url:defaultZone"] ?? configuration["eureka:client:serviceUrl:defaultZone"];
            peers.AddRange(Split(zone));
        }

        options.PeerUrls.Clear();
        foreach (var peer in peers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            options.PeerUrls.Add(peer);
        }
    }

    private static string? Spring(IConfigurationSection section, string kebab, string camel) => section[kebab] ?? section[camel];

    private static string[] Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
