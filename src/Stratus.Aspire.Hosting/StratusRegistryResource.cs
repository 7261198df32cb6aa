using Stratus.Aspire.Hosting.Cli;

namespace Aspire.Hosting;

/// <summary>
/// <c>stratus registry</c>: the Eureka-compatible registry. A resource that references it gets
/// <c>Stratus__Discovery__ServiceUrl={url}/eureka/</c>.
/// </summary>
public sealed class StratusRegistryResource : StratusServerResource
{
    internal StratusRegistryResource(string name, StratusCliCommand cli, string workingDirectory)
        : base(name, "registry", cli, workingDirectory)
    {
    }
}
