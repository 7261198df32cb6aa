using BenchmarkDotNet.Attributes;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;

namespace Stratus.Benchmarks.Snapshots;

/// <summary>
/// What one registry change costs the next fetch: serialising 1,000 instances (JSON and XML), against copying the
/// bytes a snapshot already holds, which is what every later fetch of the same version does.
/// </summary>
[MemoryDiagnoser]
public class ListingBenchmarks
{
    private EurekaApplications _listing = null!;
    private byte[] _prebuilt = null!;

    [GlobalSetup]
    public void Setup()
    {
        var apps = Enumerable.Range(0, 10).Select(a => new EurekaApplication(
            "APP" + a,
            Enumerable.Range(0, 100).Select(i => new InstanceInfo
            {
                InstanceId = $"inst-{a}-{i}",
                App = "APP" + a,
                HostName = $"h-{i}",
                IpAddr = "10.1.0.1",
                Port = 8080,
                DataCenterInfo = DataCenterInfo.MyOwn,
                LeaseInfo = new LeaseInfo { RegistrationTimestamp = 1, LastRenewalTimestamp = 2, ServiceUpTimestamp = 1 },
                Metadata = new Dictionary<string, string> { ["zone"] = "z1", ["management.port"] = "8081" },
                VipAddress = "app" + a,
                LastUpdatedTimestamp = 3,
                LastDirtyTimestamp = 3,
                ActionType = ActionType.Added,
            }).ToArray())).ToArray();
        _listing = new EurekaApplications("1", "UP_1000_", apps);
        _prebuilt = EurekaJsonWriter.WriteApplications(_listing);
    }

    [Benchmark(Baseline = true)]
    public byte[] Copy_prebuilt_json() => _prebuilt.AsSpan().ToArray();

    [Benchmark]
    public byte[] Serialise_json_1000_instances() => EurekaJsonWriter.WriteApplications(_listing);

    [Benchmark]
    public byte[] Serialise_xml_1000_instances() => EurekaXmlWriter.WriteApplications(_listing);

    [Benchmark]
    public EurekaApplications Parse_json_1000_instances() => EurekaJsonReader.ReadApplications(_prebuilt, out _);
}
