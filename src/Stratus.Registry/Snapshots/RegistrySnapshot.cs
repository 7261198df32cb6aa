using System.Collections.Frozen;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;

namespace Stratus.Registry.Snapshots;

/// <summary>
/// The registry as of one version, immutable. Full and delta listings are serialised once per version (JSON and
/// XML, each with its gzip form) on first demand, so fetches copy bytes and never serialise.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly Lazy<SnapshotPayload> _fullJson;
    private readonly Lazy<SnapshotPayload> _fullXml;
    private readonly Lazy<SnapshotPayload> _deltaJson;
    private readonly Lazy<SnapshotPayload> _deltaXml;

    public RegistrySnapshot(long version, EurekaApplications full, EurekaApplications delta)
    {
        Version = version;
        Full = full;
        Delta = delta;
        Applications = full.Applications.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        _fullJson = new(() => new SnapshotPayload(EurekaJsonWriter.WriteApplications(full)));
        _fullXml = new(() => new SnapshotPayload(EurekaXmlWriter.WriteApplications(full)));
        _deltaJson = new(() => new SnapshotPayload(EurekaJsonWriter.WriteApplications(delta)));
        _deltaXml = new(() => new SnapshotPayload(EurekaXmlWriter.WriteApplications(delta)));
    }

    public long Version { get; }

    public EurekaApplications Full { get; }

    public EurekaApplications Delta { get; }

    public FrozenDictionary<string, EurekaApplication> Applications { get; }

    public SnapshotPayload FullPayload(bool json) => json ? _fullJson.Value : _fullXml.Value;

    public SnapshotPayload DeltaPayload(bool json) => json ? _deltaJson.Value : _deltaXml.Value;

    /// <summary>
    /// Eureka's reconcile hash: <c>STATUS_count_</c> per status, statuses in alphabetical order (a Java TreeMap),
    /// counted over every instance of the full registry.
    /// </summary>
    public static string ReconcileHashCode(IEnumerable<EurekaApplication> applications) => ReconcileHash.Compute(applications);
}
