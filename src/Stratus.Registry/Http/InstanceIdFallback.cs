using Stratus.Eureka;

namespace Stratus.Registry.Http;

/// <summary>
/// Fills in a missing instance id the way Eureka and Spring Cloud do, so clients that omit it still register:
/// Spring's codec takes <c>metadata.instanceId</c> (prefixed with the host name unless it already starts with it);
/// Eureka's <c>getId()</c> then falls back to Amazon's <c>instance-id</c>, then to the host name.
/// </summary>
internal static class InstanceIdFallback
{
    public static InstanceInfo Apply(InstanceInfo info)
    {
        if (!string.IsNullOrWhiteSpace(info.InstanceId))
        {
            return info;
        }

        if (info.Metadata.TryGetValue("instanceId", out var fromMetadata) && !string.IsNullOrWhiteSpace(fromMetadata))
        {
            var id = !string.IsNullOrEmpty(info.HostName) && !fromMetadata.StartsWith(info.HostName, StringComparison.Ordinal)
                ? info.HostName + ":" + fromMetadata
                : fromMetadata;
            return info with { InstanceId = id };
        }

        if (info.DataCenterInfo is { IsAmazon: true } amazon && amazon.Metadata.TryGetValue("instance-id", out var amazonId) && !string.IsNullOrWhiteSpace(amazonId))
        {
            return info with { InstanceId = amazonId };
        }

        return info with { InstanceId = info.HostName };
    }
}
