using System.Globalization;
using System.Text.Json;

namespace Stratus.Eureka.Json;

/// <summary>
/// Reads Eureka JSON leniently, as the Java codec and Steeltoe do: <c>overriddenStatus</c> or legacy
/// <c>overriddenstatus</c>, numbers or numeric strings, a single object where an array is expected, ports as
/// objects or bare numbers. Never instantiates anything from a <c>@class</c> hint: only the known Netflix
/// classes are accepted, anything else is a <see cref="EurekaFormatException"/>.
/// </summary>
public static class EurekaJsonReader
{
    /// <summary>Deepest nesting accepted; a registration needs 4 levels.</summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Reads a registration body: <c>{"instance":{...}}</c>, or the bare instance object.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <returns>The instance, with every required field present.</returns>
    /// <exception cref="EurekaFormatException">The body is not valid JSON or a required field is missing or malformed.</exception>
    public static InstanceInfo ReadInstance(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Expected a JSON object with an 'instance' member");
        }

        var element = root.TryGetProperty("instance", out var wrapped) ? wrapped : root;
        return ReadInstance(element);
    }

    /// <summary>Reads <c>{"applications":{...}}</c>; an instance that cannot be read is skipped and reported.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="skipped">One message per skipped instance, naming it and the problem.</param>
    /// <returns>The listing without the skipped instances.</returns>
    /// <exception cref="EurekaFormatException">The envelope itself is malformed.</exception>
    public static EurekaApplications ReadApplications(ReadOnlyMemory<byte> utf8Json, out IReadOnlyList<string> skipped)
    {
        using var document = Parse(utf8Json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("applications", out var apps) || apps.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Expected a JSON object with an 'applications' member");
        }

        var problems = new List<string>();
        var list = new List<EurekaApplication>();
        foreach (var app in ItemsOf(apps, "application"))
        {
            var name = GetString(app, "name") ?? throw new EurekaFormatException("Missing application name");
            var instances = new List<InstanceInfo>();
            foreach (var instance in ItemsOf(app, "instance"))
            {
                try
                {
                    instances.Add(ReadInstance(instance));
                }
                catch (EurekaFormatException ex)
                {
                    var id = instance.ValueKind == JsonValueKind.Object ? GetString(instance, "instanceId") : null;
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}/{id ?? "?"}: {ex.Message}"));
                }
            }

            list.Add(new EurekaApplication(name, instances));
        }

        skipped = problems;
        return new EurekaApplications(
            GetString(apps, "versions__delta") ?? GetString(apps, "versions_delta") ?? "-1",
            GetString(apps, "apps__hashcode") ?? GetString(apps, "apps_hashcode") ?? string.Empty,
            list);
    }

    /// <summary>Reads one instance object (the value of <c>instance</c>).</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="EurekaFormatException">A field is missing or malformed.</exception>
    public static InstanceInfo ReadInstance(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Expected 'instance' to be an object");
        }

        var app = GetString(element, "app");
        var (port, portEnabled) = ReadPort(element, "port", 7001, true);
        var (securePort, securePortEnabled) = ReadPort(element, "securePort", 7002, false);
        return new InstanceInfo
        {
            InstanceId = GetString(element, "instanceId") ?? string.Empty,
            HostName = GetString(element, "hostName") ?? string.Empty,
            App = app?.ToUpperInvariant() ?? string.Empty,
            IpAddr = GetString(element, "ipAddr") ?? string.Empty,
            Sid = GetString(element, "sid"),
            Status = ReadStatus(element, "status") ?? InstanceStatus.Up,
            OverriddenStatus = ReadStatus(element, "overriddenStatus") ?? ReadStatus(element, "overriddenstatus") ?? InstanceStatus.Unknown,
            Port = port,
            PortEnabled = portEnabled,
            SecurePort = securePort,
            SecurePortEnabled = securePortEnabled,
            CountryId = (int)(GetLong(element, "countryId") ?? 1),
            DataCenterInfo = ReadDataCenterInfo(element),
            LeaseInfo = ReadLeaseInfo(element),
            Metadata = ReadMetadata(element, "metadata"),
            AppGroupName = GetString(element, "appGroupName"),
            HomePageUrl = GetString(element, "homePageUrl"),
            StatusPageUrl = GetString(element, "statusPageUrl"),
            HealthCheckUrl = GetString(element, "healthCheckUrl"),
            SecureHealthCheckUrl = GetString(element, "secureHealthCheckUrl"),
            VipAddress = GetString(element, "vipAddress"),
            SecureVipAddress = GetString(element, "secureVipAddress"),
            IsCoordinatingDiscoveryServer = GetBool(element, "isCoordinatingDiscoveryServer") ?? false,
            LastUpdatedTimestamp = GetLong(element, "lastUpdatedTimestamp"),
            LastDirtyTimestamp = GetLong(element, "lastDirtyTimestamp"),
            ActionType = ReadAction(element),
            AsgName = GetString(element, "asgName"),
        };
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new EurekaFormatException(string.Create(CultureInfo.InvariantCulture, $"Malformed JSON: {ex.Message}"), ex);
        }
    }

    /// <summary>An array member, or a single object standing for a one-item array (older XStream JSON).</summary>
    private static IEnumerable<JsonElement> ItemsOf(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            yield break;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    yield return item;
                }

                break;
            case JsonValueKind.Object:
                yield return value;
                break;
            case JsonValueKind.Null:
                break;
            default:
                throw new EurekaFormatException($"Expected '{name}' to be an array or an object");
        }
    }

    private static (int Port, bool Enabled) ReadPort(JsonElement element, string name, int defaultPort, bool defaultEnabled)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (defaultPort, defaultEnabled);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var port = GetLong(value, "$") ?? defaultPort;
            if (port is < 0 or > 65535)
            {
                throw new EurekaFormatException($"Field '{name}' is out of range: {port.ToString(CultureInfo.InvariantCulture)}");
            }

            return ((int)port, GetBool(value, "@enabled") ?? defaultEnabled);
        }

        var bare = ToLong(value, name);
        if (bare is < 0 or > 65535)
        {
            throw new EurekaFormatException($"Field '{name}' is out of range: {bare.ToString(CultureInfo.InvariantCulture)}");
        }

        return ((int)bare, defaultEnabled);
    }

    private static DataCenterInfo? ReadDataCenterInfo(JsonElement element)
    {
        if (!element.TryGetProperty("dataCenterInfo", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Expected 'dataCenterInfo' to be an object");
        }

        var name = GetString(value, "name");
        var declared = GetString(value, "@class");
        var cls = declared switch
        {
            null => string.Equals(name, "Amazon", StringComparison.Ordinal) ? EurekaNames.AmazonInfoClass : EurekaNames.DefaultDataCenterInfoClass,
            EurekaNames.DefaultDataCenterInfoClass or EurekaNames.MyDataCenterInfoClass or EurekaNames.AmazonInfoClass => declared,
            _ => throw new EurekaFormatException($"Unsupported dataCenterInfo @class '{Truncate(declared)}'"),
        };

        if (name is not null && name is not ("MyOwn" or "Amazon" or "Netflix"))
        {
            throw new EurekaFormatException($"Unknown dataCenterInfo name '{Truncate(name)}'");
        }

        return new DataCenterInfo(cls, name ?? string.Empty, ReadMetadata(value, "metadata"));
    }

    private static LeaseInfo? ReadLeaseInfo(JsonElement element)
    {
        if (!element.TryGetProperty("leaseInfo", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Expected 'leaseInfo' to be an object");
        }

        return new LeaseInfo
        {
            RenewalIntervalInSecs = (int)Math.Clamp(GetLong(value, "renewalIntervalInSecs") ?? LeaseInfo.DefaultRenewalIntervalInSecs, 0, int.MaxValue),
            DurationInSecs = (int)Math.Clamp(GetLong(value, "durationInSecs") ?? LeaseInfo.DefaultDurationInSecs, 0, int.MaxValue),
            RegistrationTimestamp = GetLong(value, "registrationTimestamp") ?? 0,
            LastRenewalTimestamp = GetLong(value, "lastRenewalTimestamp") ?? GetLong(value, "renewalTimestamp") ?? 0,
            EvictionTimestamp = GetLong(value, "evictionTimestamp") ?? 0,
            ServiceUpTimestamp = GetLong(value, "serviceUpTimestamp") ?? 0,
        };
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return InstanceInfo.EmptyMetadata;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException($"Expected '{name}' to be an object");
        }

        Dictionary<string, string>? map = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.NameEquals("@class"))
            {
                var cls = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (cls is not (EurekaNames.EmptyMapClass or "java.util.HashMap" or "java.util.concurrent.ConcurrentHashMap" or "java.util.LinkedHashMap"))
                {
                    throw new EurekaFormatException($"Unsupported {name} @class '{Truncate(cls ?? property.Value.GetRawText())}'");
                }

                continue;
            }

            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Null => string.Empty,
                _ => throw new EurekaFormatException($"Metadata value '{Truncate(property.Name)}' must be a string"),
            };
            map ??= new Dictionary<string, string>(StringComparer.Ordinal);
            map[property.Name] = text;
        }

        return map ?? InstanceInfo.EmptyMetadata;
    }

    private static InstanceStatus? ReadStatus(JsonElement element, string name)
    {
        var text = GetString(element, name);
        if (text is null)
        {
            return null;
        }

        return EurekaNames.TryParseStatus(text, out var status)
            ? status
            : throw new EurekaFormatException($"Unknown {name} '{Truncate(text)}'");
    }

    private static ActionType? ReadAction(JsonElement element)
    {
        var text = GetString(element, "actionType");
        if (text is null)
        {
            return null;
        }

        return EurekaNames.TryParseAction(text, out var action)
            ? action
            : throw new EurekaFormatException($"Unknown actionType '{Truncate(text)}'");
    }

    private static string? GetString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => throw new EurekaFormatException($"Field '{name}' must be a string"),
        };
    }

    private static long? GetLong(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ToLong(value, name);
    }

    private static long ToLong(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new EurekaFormatException($"Field '{name}' must be a number, got {Truncate(value.GetRawText())}");
    }

    private static bool? GetBool(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => throw new EurekaFormatException($"Field '{name}' must be true or false, got {Truncate(value.GetRawText())}"),
        };
    }

    internal static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
}
