using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stratus.Eureka.Json;

/// <summary>
/// Writes Eureka JSON the way the Java server's Jackson codec does: fixed field order, no whitespace,
/// <c>@Auto</c> fields (URLs, VIPs, timestamps, booleans) as strings, ports as <c>{"$":n,"@enabled":"true"}</c>.
/// </summary>
public static class EurekaJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Jackson escapes only quotes, backslashes and control characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>Serialises <c>{"applications":{...}}</c>.</summary>
    /// <param name="applications">The listing.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] WriteApplications(EurekaApplications applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("applications"u8);
            WriteApplicationsBody(writer, applications);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises <c>{"application":{...}}</c>.</summary>
    /// <param name="application">The application.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] WriteApplication(EurekaApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("application"u8);
            WriteApplicationBody(writer, application);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises <c>{"instance":{...}}</c>.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] WriteInstance(InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("instance"u8);
            WriteInstanceBody(writer, instance);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the inner object of <c>applications</c>.</summary>
    /// <param name="writer">The target.</param>
    /// <param name="applications">The listing.</param>
    public static void WriteApplicationsBody(Utf8JsonWriter writer, EurekaApplications applications)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(applications);
        writer.WriteStartObject();
        writer.WriteString("versions__delta"u8, applications.VersionsDelta);
        writer.WriteString("apps__hashcode"u8, applications.AppsHashCode);
        writer.WritePropertyName("application"u8);
        writer.WriteStartArray();
        foreach (var application in applications.Applications)
        {
            WriteApplicationBody(writer, application);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the inner object of <c>application</c>.</summary>
    /// <param name="writer">The target.</param>
    /// <param name="application">The application.</param>
    public static void WriteApplicationBody(Utf8JsonWriter writer, EurekaApplication application)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(application);
        writer.WriteStartObject();
        writer.WriteString("name"u8, application.Name);
        writer.WritePropertyName("instance"u8);
        writer.WriteStartArray();
        foreach (var instance in application.Instances)
        {
            WriteInstanceBody(writer, instance);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the inner object of <c>instance</c>, in Eureka's field order.</summary>
    /// <param name="writer">The target.</param>
    /// <param name="instance">The instance.</param>
    public static void WriteInstanceBody(Utf8JsonWriter writer, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(instance);
        writer.WriteStartObject();
        writer.WriteString("instanceId"u8, instance.InstanceId);
        writer.WriteString("hostName"u8, instance.HostName);
        writer.WriteString("app"u8, instance.App);
        writer.WriteString("ipAddr"u8, instance.IpAddr);
        if (instance.Sid is { } sid && sid != "na" && sid != "unknown")
        {
            writer.WriteString("sid"u8, sid);
        }

        writer.WriteString("status"u8, instance.Status.ToWire());
        writer.WriteString("overriddenStatus"u8, instance.OverriddenStatus.ToWire());
        WritePort(writer, "port"u8, instance.Port, instance.PortEnabled);
        WritePort(writer, "securePort"u8, instance.SecurePort, instance.SecurePortEnabled);
        writer.WriteNumber("countryId"u8, instance.CountryId);
        if (instance.DataCenterInfo is { } dataCenter)
        {
            WriteDataCenterInfo(writer, dataCenter);
        }
        if (instance.LeaseInfo is { } lease)
        {
            WriteLeaseInfo(writer, lease);
        }

        WriteMetadata(writer, "metadata"u8, instance.Metadata);
        WriteOptional(writer, "appGroupName"u8, instance.AppGroupName);
        WriteOptional(writer, "homePageUrl"u8, instance.HomePageUrl);
        WriteOptional(writer, "statusPageUrl"u8, instance.StatusPageUrl);
        WriteOptional(writer, "healthCheckUrl"u8, instance.HealthCheckUrl);
        WriteOptional(writer, "secureHealthCheckUrl"u8, instance.SecureHealthCheckUrl);
        WriteOptional(writer, "vipAddress"u8, instance.VipAddress);
        WriteOptional(writer, "secureVipAddress"u8, instance.SecureVipAddress);
        writer.WriteString("isCoordinatingDiscoveryServer"u8, instance.IsCoordinatingDiscoveryServer ? "true" : "false");
        if (instance.LastUpdatedTimestamp is { } updated)
        {
            writer.WriteString("lastUpdatedTimestamp"u8, updated.ToString(CultureInfo.InvariantCulture));
        }

        if (instance.LastDirtyTimestamp is { } dirty)
        {
            writer.WriteString("lastDirtyTimestamp"u8, dirty.ToString(CultureInfo.InvariantCulture));
        }

        if (instance.ActionType is { } action)
        {
            writer.WriteString("actionType"u8, action.ToWire());
        }

        WriteOptional(writer, "asgName"u8, instance.AsgName);
        writer.WriteEndObject();
    }

    private static void WritePort(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int port, bool enabled)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        writer.WriteNumber("$"u8, port);
        writer.WriteString("@enabled"u8, enabled ? "true" : "false");
        writer.WriteEndObject();
    }

    private static void WriteDataCenterInfo(Utf8JsonWriter writer, DataCenterInfo info)
    {
        writer.WritePropertyName("dataCenterInfo"u8);
        writer.WriteStartObject();
        writer.WriteString("@class"u8, info.Class);
        writer.WriteString("name"u8, info.Name);
        if (info.Metadata.Count > 0)
        {
            WriteMetadata(writer, "metadata"u8, info.Metadata);
        }

        writer.WriteEndObject();
    }

    private static void WriteLeaseInfo(Utf8JsonWriter writer, LeaseInfo lease)
    {
        writer.WritePropertyName("leaseInfo"u8);
        writer.WriteStartObject();
        writer.WriteNumber("renewalIntervalInSecs"u8, lease.RenewalIntervalInSecs);
        writer.WriteNumber("durationInSecs"u8, lease.DurationInSecs);
        writer.WriteNumber("registrationTimestamp"u8, lease.RegistrationTimestamp);
        writer.WriteNumber("lastRenewalTimestamp"u8, lease.LastRenewalTimestamp);
        writer.WriteNumber("evictionTimestamp"u8, lease.EvictionTimestamp);
        writer.WriteNumber("serviceUpTimestamp"u8, lease.ServiceUpTimestamp);
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string> metadata)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        if (metadata.Count == 0)
        {
            writer.WriteString("@class"u8, EurekaNames.EmptyMapClass);
        }
        else
        {
            foreach (var (key, value) in metadata)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
