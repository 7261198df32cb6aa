using System.Globalization;
using System.Text;
using System.Xml;

namespace Stratus.Eureka.Xml;

/// <summary>
/// Writes Eureka XML the way the Java server's XStream converters do: no XML declaration, two-space indent,
/// <c>overriddenstatus</c> in lower case, <c>enabled</c> attributes on ports and <c>class</c> attributes on
/// data center info and empty metadata.
/// </summary>
public static class EurekaXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CheckCharacters = false,
    };

    /// <summary>Serialises <c>&lt;applications&gt;</c>.</summary>
    /// <param name="applications">The listing.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteApplications(EurekaApplications applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return Write(writer =>
        {
            writer.WriteStartElement("applications");
            writer.WriteElementString("versions__delta", applications.VersionsDelta);
            writer.WriteElementString("apps__hashcode", applications.AppsHashCode);
            foreach (var application in applications.Applications)
            {
                WriteApplicationElement(writer, application);
            }

            writer.WriteEndElement();
        });
    }

    /// <summary>Serialises <c>&lt;application&gt;</c>.</summary>
    /// <param name="application">The application.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteApplication(EurekaApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return Write(writer => WriteApplicationElement(writer, application));
    }

    /// <summary>Serialises <c>&lt;instance&gt;</c>.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteInstance(InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Write(writer => WriteInstanceElement(writer, instance));
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            body(writer);
        }

        return stream.ToArray();
    }

    private static void WriteApplicationElement(XmlWriter writer, EurekaApplication application)
    {
        writer.WriteStartElement("application");
        writer.WriteElementString("name", application.Name);
        foreach (var instance in application.Instances)
        {
            WriteInstanceElement(writer, instance);
        }

        writer.WriteEndElement();
    }

    private static void WriteInstanceElement(XmlWriter writer, InstanceInfo instance)
    {
        writer.WriteStartElement("instance");
        writer.WriteElementString("instanceId", instance.InstanceId);
        writer.WriteElementString("hostName", instance.HostName);
        writer.WriteElementString("app", instance.App);
        writer.WriteElementString("ipAddr", instance.IpAddr);
        if (instance.Sid is { } sid && sid != "na" && sid != "unknown")
        {
            writer.WriteElementString("sid", sid);
        }

        writer.WriteElementString("status", instance.Status.ToWire());
        writer.WriteElementString("overriddenstatus", instance.OverriddenStatus.ToWire());
        WritePort(writer, "port", instance.Port, instance.PortEnabled);
        WritePort(writer, "securePort", instance.SecurePort, instance.SecurePortEnabled);
        writer.WriteElementString("countryId", instance.CountryId.ToString(CultureInfo.InvariantCulture));
        if (instance.DataCenterInfo is { } dataCenter)
        {
            writer.WriteStartElement("dataCenterInfo");
            writer.WriteAttributeString("class", dataCenter.Class);
            writer.WriteElementString("name", dataCenter.Name);
            if (dataCenter.Metadata.Count > 0)
            {
                WriteMetadata(writer, dataCenter.Metadata);
            }

            writer.WriteEndElement();
        }

        if (instance.LeaseInfo is { } lease)
        {
            writer.WriteStartElement("leaseInfo");
            WriteNumber(writer, "renewalIntervalInSecs", lease.RenewalIntervalInSecs);
            WriteNumber(writer, "durationInSecs", lease.DurationInSecs);
            WriteNumber(writer, "registrationTimestamp", lease.RegistrationTimestamp);
            WriteNumber(writer, "lastRenewalTimestamp", lease.LastRenewalTimestamp);
            WriteNumber(writer, "evictionTimestamp", lease.EvictionTimestamp);
            WriteNumber(writer, "serviceUpTimestamp", lease.ServiceUpTimestamp);
            writer.WriteEndElement();
        }

        WriteMetadata(writer, instance.Metadata);
        WriteOptional(writer, "appGroupName", instance.AppGroupName);
        WriteOptional(writer, "homePageUrl", instance.HomePageUrl);
        WriteOptional(writer, "statusPageUrl", instance.StatusPageUrl);
        WriteOptional(writer, "healthCheckUrl", instance.HealthCheckUrl);
        WriteOptional(writer, "secureHealthCheckUrl", instance.SecureHealthCheckUrl);
        WriteOptional(writer, "vipAddress", instance.VipAddress);
        WriteOptional(writer, "secureVipAddress", instance.SecureVipAddress);
        writer.WriteElementString("isCoordinatingDiscoveryServer", instance.IsCoordinatingDiscoveryServer ? "true" : "false");
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
            writer.WriteElementString("actionType", action.ToWire());
        }

        WriteOptional(writer, "asgName", instance.AsgName);
        writer.WriteEndElement();
    }

    private static void WritePort(XmlWriter writer, string name, int port, bool enabled)
    {
        writer.WriteStartElement(name);
        writer.WriteAttributeString("enabled", enabled ? "true" : "false");
        writer.WriteString(port.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
    }

    private static void WriteMetadata(XmlWriter writer, IReadOnlyDictionary<string, string> metadata)
    {
        writer.WriteStartElement("metadata");
        if (metadata.Count == 0)
        {
            writer.WriteAttributeString("class", EurekaNames.EmptyMapClass);
        }
        else
        {
            foreach (var (key, value) in metadata)
            {
                // Metadata keys become element names; a key that is not a valid XML name is encoded rather than dropped.
                writer.WriteElementString(XmlConvert.EncodeLocalName(key), value);
            }
        }

        writer.WriteEndElement();
    }

    private static void WriteNumber(XmlWriter writer, string name, long value) =>
        writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void WriteOptional(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, value);
        }
    }
}
