using Stratus.Aspire.Hosting.Cli;

namespace Aspire.Hosting;

/// <summary>
/// <c>stratus gateway</c>: the API gateway on YARP. Routes come from <c>WithRoute</c> (or <c>WithEnvironment</c> with
/// <c>Stratus__Gateway__Routes__{n}__...</c>); <c>lb://</c> routes resolve through the registry it references.
/// </summary>
public sealed class StratusGatewayResource : StratusServerResource
{
    internal StratusGatewayResource(string name, StratusCliCommand cli, string workingDirectory)
        : base(name, "gateway", cli, workingDirectory)
    {
    }

    /// <summary>How many routes <c>WithRoute</c> has added: the index of the next one.</summary>
    internal int RouteCount { get; set; }
}
