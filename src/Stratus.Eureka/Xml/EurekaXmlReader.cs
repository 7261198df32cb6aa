using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Stratus.Eureka.Xml;

/// <summary>
/// Reads Eureka XML. DTDs are refused outright (no DOCTYPE, so no entity expansion), no external resource is
/// ever resolved, and <c>class</c> attributes are checked against the known Netflix classes, never used to pick a type.
/// </summary>
public static class EurekaXmlReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = 16 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a registration body, <c>&lt;instance&gt;...&lt;/instance&gt;</c>.</summary>
    /// <param name="utf8Xml">The body.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="EurekaFormatException">The XML is malformed, has a DTD, or a field is malformed.</exception>
    public static InstanceInfo ReadInstance(ReadOnlyMemory<byte> utf8Xml)
    {
        var root = Load(utf8Xml);
        if (root.Name.LocalName != "instance")
        {
            throw new EurekaFormatException($"Expected root element 'instance', got '{root.Name.LocalName}'");
        }

        return ReadInstance(root);
    }

    /// <summary>Reads <c>&lt;applications&gt;</c>; an instance that cannot be read is skipped and reported.</summary>
    /// <param name="utf8Xml">The body.</param>
    /// <param name="skipped">One message per skipped instance.</param>
    /// <returns>The listing.</returns>
    public static EurekaApplications ReadApplications(ReadOnlyMemory<byte> utf8Xml, out IReadOnlyList<string> skipped)
    {
        var root = Load(utf8Xml);
        if (root.Name.LocalName != "applications")
        {
            throw new EurekaFormatException($"Expected root element 'applications', got '{root.Name.LocalName}'");
        }

        var problems = new List<string>();
        var apps = new List<EurekaApplication>();
        foreach (var app in root.Elements("application"))
        {
            var name = Text(app, "name") ?? throw new EurekaFormatException("Missing application name");
            var instances = new List<InstanceInfo>();
            foreach (var element in app.Elements("instance"))
            {
                try
                {
                    instances.Add(ReadInstance(element));
                }
                catch (EurekaFormatException ex)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}/{Text(element, "instanceId") ?? "?"}: {ex.Message}"));
                }
            }

            apps.Add(new EurekaApplication(name, instances));
        }

        skipped = problems;
        return new EurekaApplications(Text(root, "versions__delta") ?? "-1", Text(root, "apps__hashcode") ?? string.Empty, apps);
    }

    private static XElement Load(ReadOnlyMemory<byte> utf8Xml)
    {
        try
        {
            using var stream = new MemoryStream(utf8Xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new EurekaFormatException($"Malformed XML: {ex.Message}", ex);
        }
    }

    private static InstanceInfo ReadInstance(XElement element)
    {
        var (port, portEnabled) = ReadPort(element, "port", 7001, true);
        var (securePort, securePortEnabled) = ReadPort(element, "securePort", 7002, false);
        return new InstanceInfo
        {
            InstanceId = Text(element, "instanceId") ?? string.Empty,
            HostName = Text(element, "hostName") ?? string.Empty,
            App = Text(element, "app")?.ToUpperInvariant() ?? string.Empty,
            IpAddr = Text(element, "ipAddr") ?? string.Empty,
            Sid = Text(element, "sid"),
            Status = Status(element, "status") ?? InstanceStatus.Up,
            OverriddenStatus = Status(element, "overriddenstatus") ?? Status(element, "overriddenStatus") ?? InstanceStatus.Unknown,
            Port = port,
            PortEnabled = portEnabled,
            SecurePort = securePort,
            SecurePortEnabled = securePortEnabled,
            CountryId = (int)(Number(element, "countryId") ?? 1),
            DataCenterInfo = ReadDataCenterInfo(element),
            LeaseInfo = ReadLeaseInfo(element),
            Metadata = ReadMetadata(element.Element("metadata")),
            AppGroupName = Text(element, "appGroupName"),
            HomePageUrl = Text(element, "homePageUrl"),
            StatusPageUrl = Text(element, "statusPageUrl"),
            HealthCheckUrl = Text(element, "healthCheckUrl"),
            SecureHealthCheckUrl = Text(element, "secureHealthCheckUrl"),
            VipAddress = Text(element, "vipAddress"),
            SecureVipAddress = Text(element, "secureVipAddress"),
            IsCoordinatingDiscoveryServer = Bool(element, "isCoordinatingDiscoveryServer") ?? false,
            LastUpdatedTimestamp = Number(element, "lastUpdatedTimestamp"),
            LastDirtyTimestamp = Number(element, "lastDirtyTimestamp"),
            ActionType = Action(element),
            AsgName = Text(element, "asgName"),
        };
    }

    private static (int Port, bool Enabled) ReadPort(XElement parent, string name, int defaultPort, bool defaultEnabled)
    {
        var element = parent.Element(name);
        if (element is null)
        {
            return (defaultPort, defaultEnabled);
        }

        var port = ParseLong(element.Value, name);
        if (port is < 0 or > 65535)
        {
            throw new EurekaFormatException($"Field '{name}' is out of range: {port.ToString(CultureInfo.InvariantCulture)}");
        }

        var enabled = element.Attribute("enabled")?.Value;
        return ((int)port, enabled is null ? defaultEnabled : ParseBool(enabled, name + "@enabled"));
    }

    private static DataCenterInfo? ReadDataCenterInfo(XElement parent)
    {
        var element = parent.Element("dataCenterInfo");
        if (element is null)
        {
            return null;
        }

        var name = Text(element, "name");
        var declared = element.Attribute("class")?.Value;
        var cls = declared switch
        {
            null => name == "Amazon" ? EurekaNames.AmazonInfoClass : EurekaNames.DefaultDataCenterInfoClass,
            EurekaNames.DefaultDataCenterInfoClass or EurekaNames.MyDataCenterInfoClass or EurekaNames.AmazonInfoClass => declared,
            _ => throw new EurekaFormatException($"Unsupported dataCenterInfo class '{Json.EurekaJsonReader.Truncate(declared)}'"),
        };
        if (name is not null && name is not ("MyOwn" or "Amazon" or "Netflix"))
        {
            throw new EurekaFormatException($"Unknown dataCenterInfo name '{Json.EurekaJsonReader.Truncate(name)}'");
        }

        return new DataCenterInfo(cls, name ?? string.Empty, ReadMetadata(element.Element("metadata")));
    }

    private static LeaseInfo? ReadLeaseInfo(XElement parent)
    {
        var element = parent.Element("leaseInfo");
        if (element is null)
        {
            return null;
        }

        return new LeaseInfo
        {
            RenewalIntervalInSecs = (int)Math.Clamp(Number(element, "renewalIntervalInSecs") ?? LeaseInfo.DefaultRenewalIntervalInSecs, 0, int.MaxValue),
            DurationInSecs = (int)Math.Clamp(Number(element, "durationInSecs") ?? LeaseInfo.DefaultDurationInSecs, 0, int.MaxValue),
            RegistrationTimestamp = Number(element, "registrationTimestamp") ?? 0,
            LastRenewalTimestamp = Number(element, "lastRenewalTimestamp") ?? Number(element, "renewalTimestamp") ?? 0,
            EvictionTimestamp = Number(element, "evictionTimestamp") ?? 0,
            ServiceUpTimestamp = Number(element, "serviceUpTimestamp") ?? 0,
        };
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(XElement? element)
    {
        if (element is null)
        {
            return InstanceInfo.EmptyMetadata;
        }

        var cls = element.Attribute("class")?.Value;
        if (cls is not (null or EurekaNames.EmptyMapClass or "java.util.HashMap" or "java.util.concurrent.ConcurrentHashMap" or "java.util.LinkedHashMap"))
        {
            throw new EurekaFormatException($"Unsupported metadata class '{Json.EurekaJsonReader.Truncate(cls)}'");
        }

        Dictionary<string, string>? map = null;
        foreach (var child in element.Elements())
        {
            if (child.HasElements)
            {
                throw new EurekaFormatException($"Metadata value '{child.Name.LocalName}' must be text");
            }

            map ??= new Dictionary<string, string>(StringComparer.Ordinal);
            map[XStreamTextWriter.DecodeName(child.Name.LocalName)] = child.Value;
        }

        return map ?? InstanceInfo.EmptyMetadata;
    }

    private static string? Text(XElement parent, string name) => parent.Element(name)?.Value;

    private static long? Number(XElement parent, string name) =>
        Text(parent, name) is { } text ? ParseLong(text, name) : null;

    private static bool? Bool(XElement parent, string name) =>
        Text(parent, name) is { } text ? ParseBool(text, name) : null;

    private static long ParseLong(string text, string name) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new EurekaFormatException($"Field '{name}' must be a number, got '{Json.EurekaJsonReader.Truncate(text)}'");

    private static bool ParseBool(string text, string name) =>
        bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new EurekaFormatException($"Field '{name}' must be true or false, got '{Json.EurekaJsonReader.Truncate(text)}'");

    private static InstanceStatus? Status(XElement parent, string name)
    {
        var text = Text(parent, name);
        if (text is null)
        {
            return null;
        }

        return EurekaNames.TryParseStatus(text.Trim(), out var status)
            ? status
            : throw new EurekaFormatException($"Unknown {name} '{Json.EurekaJsonReader.Truncate(text)}'");
    }

    private static ActionType? Action(XElement parent)
    {
        var text = Text(parent, "actionType");
        if (text is null)
        {
            return null;
        }

        return EurekaNames.TryParseAction(text.Trim(), out var action)
            ? action
            : throw new EurekaFormatException($"Unknown actionType '{Json.EurekaJsonReader.Truncate(text)}'");
    }
}
