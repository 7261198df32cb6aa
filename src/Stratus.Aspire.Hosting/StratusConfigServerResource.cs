using Stratus.Aspire.Hosting.Cli;
using Stratus.Aspire.Hosting.ConfigServer;

namespace Aspire.Hosting;

/// <summary>
/// <c>stratus config-server</c>: the Spring Cloud Config-compatible server. A resource that references it gets
/// <c>Stratus__Config__Uri={url}</c>.
/// </summary>
public sealed class StratusConfigServerResource : StratusServerResource
{
    internal StratusConfigServerResource(string name, StratusCliCommand cli, string workingDirectory)
        : base(name, "config-server", cli, workingDirectory)
    {
    }

    /// <summary>The repository <c>WithConfigRepository</c> set, if any.</summary>
    internal ConfigRepository? Repository { get; set; }

    /// <summary>The Git default label <c>WithConfigRepository</c> set, if any.</summary>
    internal string? Label { get; set; }
}
