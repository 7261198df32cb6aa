using Stratus.Eureka;

namespace Stratus.Registry.Http;

/// <summary>Eureka's registration checks, in its order and with its messages (<c>ApplicationResource.addInstance</c>).</summary>
internal static class RegistrationValidator
{
    /// <summary>Longest accepted id, host, address or app name; Eureka has no limit, but nothing real comes close.</summary>
    public const int MaxFieldLength = 1024;

    public static string? Validate(InstanceInfo info, string pathApp)
    {
        if (string.IsNullOrWhiteSpace(info.InstanceId))
        {
            return "Missing instanceId";
        }

        if (string.IsNullOrWhiteSpace(info.HostName))
        {
            return "Missing hostname";
        }

        if (string.IsNullOrWhiteSpace(info.IpAddr))
        {
            return "Missing ip address";
        }

        if (string.IsNullOrWhiteSpace(info.App))
        {
            return "Missing appName";
        }

        if (!string.Equals(pathApp, info.App, StringComparison.Ordinal))
        {
            return $"Mismatched appName, expecting {pathApp} but was {info.App}";
        }

        if (info.DataCenterInfo is null)
        {
            return "Missing dataCenterInfo";
        }

        if (string.IsNullOrEmpty(info.DataCenterInfo.Name))
        {
            return "Missing dataCenterInfo Name";
        }

        foreach (var (field, value) in new[] { ("instanceId", info.InstanceId), ("hostName", info.HostName), ("ipAddr", info.IpAddr), ("app", info.App) })
        {
            if (value.Length > MaxFieldLength)
            {
                return $"Field '{field}' is longer than {MaxFieldLength} characters";
            }

            if (value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
            {
                return $"Field '{field}' contains control characters";
            }
        }

        foreach (var key in info.Metadata.Keys)
        {
            // Metadata keys become XML element names in XML listings; a key that cannot be one would break the
            // whole document for every XML client, so it is refused here rather than served.
            if (!IsXmlName(Eureka.Xml.XStreamTextWriter.EncodeName(key)))
            {
                return $"Metadata key '{Eureka.Json.EurekaJsonReader.Truncate(key)}' is not a valid XML element name";
            }
        }

        return null;
    }

    private static bool IsXmlName(string name)
    {
        try
        {
            System.Xml.XmlConvert.VerifyName(name);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }
}
