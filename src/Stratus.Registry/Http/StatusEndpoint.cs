using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;

namespace Stratus.Registry.Http;

/// <summary>
/// <c>GET /eureka/status</c>: Eureka's <c>StatusInfo</c> (general stats, replica stats and the server's own instance).
/// Eureka's keys are kept (<c>server-uptime</c>, <c>registered-replicas</c>, ...); unlike Spring's server, the JSON form
/// works with default settings (Spring's fails on an unset health flag).
/// </summary>
internal sealed class StatusEndpoint(IServer server, TimeProvider time, IOptionsMonitor<RegistryOptions> options)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly long _started = time.GetTimestamp();

    public async Task HandleAsync(HttpContext context)
    {
        var general = GeneralStats();
        var replicas = ReplicaStats();
        var self = SelfInstance(context);
        var json = Negotiation.WantsJson(context.Request);
        byte[] body;
        if (json)
        {
            var buffer = new ArrayBufferWriter<byte>(2048);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                WriteMap(writer, "generalStats", general);
                WriteMap(writer, "applicationStats", replicas);
                writer.WritePropertyName("instanceInfo");
                EurekaJsonWriter.WriteInstanceBody(writer, self);
                writer.WriteEndObject();
            }

            body = buffer.WrittenSpan.ToArray();
        }
        else
        {
            var instanceXml = System.Text.Encoding.UTF8.GetString(EurekaXmlWriter.WriteInstance(self)).Replace("\n", "\n  ", StringComparison.Ordinal);
            var text = new System.Text.StringBuilder("<status>\n");
            AppendMap(text, "generalStats", general);
            AppendMap(text, "applicationStats", replicas);
            text.Append("  ").Append(instanceXml.Replace("<instance>", "<instanceInfo>", StringComparison.Ordinal).Replace("</instance>", "</instanceInfo>", StringComparison.Ordinal)).Append("\n</status>");
            body = System.Text.Encoding.UTF8.GetBytes(text.ToString());
        }

        await Negotiation.WriteAsync(context, body, json).ConfigureAwait(false);
    }

    private Dictionary<string, string> GeneralStats()
    {
        var uptime = time.GetElapsedTime(_started);
        var memory = GC.GetGCMemoryInfo();
        var totalMb = memory.TotalAvailableMemoryBytes / (1024 * 1024);
        var usedMb = Environment.WorkingSet / (1024 * 1024);
        var percent = totalMb > 0 ? usedMb * 100 / totalMb : 0;
        return new Dictionary<string, string>
        {
            ["server-uptime"] = uptime.Days > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{uptime.Days} day{(uptime.Days == 1 ? string.Empty : "s")} {uptime.Hours:00}:{uptime.Minutes:00}")
                : string.Create(CultureInfo.InvariantCulture, $"{uptime.Hours:00}:{uptime.Minutes:00}"),
            ["num-of-cpus"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["total-avail-memory"] = string.Create(CultureInfo.InvariantCulture, $"{totalMb}mb"),
            ["current-memory-usage"] = string.Create(CultureInfo.InvariantCulture, $"{usedMb}mb ({percent}%)"),
        };
    }

    private Dictionary<string, string> ReplicaStats()
    {
        var peers = options.CurrentValue.PeerUrls.Select(RegistryOptionsRules.Mask).ToArray();
        return new Dictionary<string, string>
        {
            ["registered-replicas"] = string.Join(", ", peers),
            ["available-replicas"] = string.Concat(peers.Select(p => p + ",")),
            ["unavailable-replicas"] = string.Empty,
        };
    }

    private InstanceInfo SelfInstance(HttpContext context)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = context.Connection.LocalPort;
        var host = Environment.MachineName;
        var ip = context.Connection.LocalIpAddress?.ToString() ?? "127.0.0.1";
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return new InstanceInfo
        {
            InstanceId = string.Create(CultureInfo.InvariantCulture, $"{host}:stratus-registry:{port}"),
            HostName = host,
            App = "STRATUS-REGISTRY",
            IpAddr = ip,
            Port = port,
            DataCenterInfo = DataCenterInfo.MyOwn,
            HomePageUrl = address is null ? null : address.TrimEnd('/') + "/",
            VipAddress = "stratus-registry",
            IsCoordinatingDiscoveryServer = true,
            LastUpdatedTimestamp = now,
            LastDirtyTimestamp = now,
        };
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, Dictionary<string, string> map)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void AppendMap(System.Text.StringBuilder text, string name, Dictionary<string, string> map)
    {
        text.Append("  <").Append(name).Append(">\n");
        foreach (var (key, value) in map)
        {
            text.Append("    <").Append(key).Append('>').Append(System.Security.SecurityElement.Escape(value)).Append("</").Append(key).Append(">\n");
        }

        text.Append("  </").Append(name).Append(">\n");
    }
}
