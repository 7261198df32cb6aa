namespace Stratus.Eureka;

/// <summary>One application and its instances (<c>application</c> on the wire).</summary>
/// <param name="Name">Upper-case application name.</param>
/// <param name="Instances">Its instances.</param>
public sealed record EurekaApplication(string Name, IReadOnlyList<InstanceInfo> Instances);
