using System.Globalization;

namespace Stratus.Eureka.Xml;

/// <summary>
/// Writes Eureka XML the way the Java server's XStream converters do: no XML declaration, two-space indent,
/// <c>overriddenstatus</c> in lower case, <c>enabled</c> attributes on ports and <c>class</c> attributes on
/// data center info and empty metadata.
/// </summary>
public static class EurekaXmlWriter
{
    /// <summary>Serialises <c>&lt;applications&gt;</c>.</summary>
    /// <param name="applications">The listing.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteApplications(EurekaApplications applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var writer = new XStreamTextWriter();
        writer.StartElement("applications");
        writer.Element("versions__delta", applications.VersionsDelta);
        writer.Element("apps__hashcode", applications.AppsHashCode);
        foreach (var application in applications.Applications)
        {
            WriteApplicationElement(writer, application);
        }

        writer.EndElement();
        return writer.ToUtf8();
    }

    /// <summary>Serialises <c>&lt;application&gt;</c>.</summary>
    /// <param name="application">The application.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteApplication(EurekaApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var writer = new XStreamTextWriter();
        WriteApplicationElement(writer, application);
        return writer.ToUtf8();
    }

    /// <summary>Serialises <c>&lt;instance&gt;</c>.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteInstance(InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var writer = new XStreamTextWriter();
        WriteInstanceElement(writer, instance);
        return writer.ToUtf8();
    }

    private static void WriteApplicationElement(XStreamTextWriter writer, EurekaApplication application)
    {
        writer.StartElement("application");
        writer.Element("name", application.Name);
        foreach (var instance in application.Instances)
        {
            WriteInstanceElement(writer, instance);
        }

        writer.EndElement();
    }

    private static void WriteInstanceElement(XStreamTextWriter writer, InstanceInfo instance)
    {
        writer.StartElement("instance");
        writer.Element("instanceId", instance.InstanceId);
        writer.Element("hostName", instance.HostName);
        writer.Element("app", instance.App);
        writer.Element("ipAddr", instance.IpAddr);
        if (instance.Sid is { } sid && sid != "na" && sid != "unknown")
        {
            writer.Element("sid", sid);
        }

        writer.Element("status", instance.Status.ToWire());
        writer.Element("overriddenstatus", instance.OverriddenStatus.ToWire());
        WritePort(writer, "port", instance.Port, instance.PortEnabled);
        WritePort(writer, "securePort", instance.SecurePort, instance.SecurePortEnabled);
        writer.Element("countryId", instance.CountryId.ToString(CultureInfo.InvariantCulture));
        if (instance.DataCenterInfo is { } dataCenter)
        {
            writer.StartElement("dataCenterInfo");
            writer.Attribute("class", dataCenter.Class);
            writer.Element("name", dataCenter.Name);
            if (dataCenter.IsAmazon)
            {
                WriteMetadata(writer, dataCenter.Metadata);
            }

            writer.EndElement();
        }

        if (instance.LeaseInfo is { } lease)
        {
            writer.StartElement("leaseInfo");
            WriteNumber(writer, "renewalIntervalInSecs", lease.RenewalIntervalInSecs);
            WriteNumber(writer, "durationInSecs", lease.DurationInSecs);
            WriteNumber(writer, "registrationTimestamp", lease.RegistrationTimestamp);
            WriteNumber(writer, "lastRenewalTimestamp", lease.LastRenewalTimestamp);
            WriteNumber(writer, "evictionTimestamp", lease.EvictionTimestamp);
            WriteNumber(writer, "serviceUpTimestamp", lease.ServiceUpTimestamp);
            writer.EndElement();
        }

        WriteMetadata(writer, instance.Metadata);
        WriteOptional(writer, "appGroupName", instance.AppGroupName);
        WriteOptional(writer, "homePageUrl", instance.HomePageUrl);
        WriteOptional(writer, "statusPageUrl", instance.StatusPageUrl);
        WriteOptional(writer, "healthCheckUrl", instance.HealthCheckUrl);
        WriteOptional(writer, "secureHealthCheckUrl", instance.SecureHealthCheckUrl);
        WriteOptional(writer, "vipAddress", instance.VipAddress);
        WriteOptional(writer, "secureVipAddress", instance.SecureVipAddress);
        writer.Element("isCoordinatingDiscoveryServer", instance.IsCoordinatingDiscoveryServer ? "true" : "false");
        if (instance.LastUpdatedTimestamp is { } updated)
        {
            WriteNumber(writer, "lastUpdatedTimestamp", updated);
        }

        if (instance.LastDirtyTimestamp is { } dirty)
        {
            WriteNumber(writer, "lastDirtyTimestamp", dirty);
        }

        if (instance.ActionType is { } action)
        {
            writer.Element("actionType", action.ToWire());
        }

        WriteOptional(writer, "asgName", instance.AsgName);
        writer.EndElement();
    }

    private static void WritePort(XStreamTextWriter writer, string name, int port, bool enabled)
    {
        writer.StartElement(name);
        writer.Attribute("enabled", enabled ? "true" : "false");
        writer.Value(port.ToString(CultureInfo.InvariantCulture));
        writer.EndElement();
    }

    private static void WriteMetadata(XStreamTextWriter writer, IReadOnlyDictionary<string, string> metadata)
    {
        writer.StartElement("metadata");
        if (metadata.Count == 0)
        {
            writer.Attribute("class", EurekaNames.EmptyMapClass);
        }
        else
        {
            foreach (var (key, value) in metadata)
            {
                writer.Element(XStreamTextWriter.EncodeName(key), value);
            }
        }

        writer.EndElement();
    }

    private static void WriteNumber(XStreamTextWriter writer, string name, long value) =>
        writer.Element(name, value.ToString(CultureInfo.InvariantCulture));

    private static void WriteOptional(XStreamTextWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.Element(name, value);
        }
    }
}
