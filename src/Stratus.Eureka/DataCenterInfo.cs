namespace Stratus.Eureka;

/// <summary>Where an instance runs (<c>dataCenterInfo</c> on the wire).</summary>
/// <param name="Class">The Java class hint (<c>@class</c>); only the known Netflix classes are accepted.</param>
/// <param name="Name"><c>MyOwn</c>, <c>Amazon</c> or <c>Netflix</c>.</param>
/// <param name="Metadata">Amazon metadata (<c>instance-id</c>, <c>availability-zone</c>, ...); empty otherwise.</param>
public sealed record DataCenterInfo(string Class, string Name, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The default data center (<c>MyOwn</c>), as Spring Cloud clients send it.</summary>
    public static DataCenterInfo MyOwn { get; } =
        new(EurekaNames.DefaultDataCenterInfoClass, "MyOwn", new Dictionary<string, string>());

    /// <summary>Whether this is Amazon data center info.</summary>
    public bool IsAmazon => string.Equals(Name, "Amazon", StringComparison.Ordinal);
}
