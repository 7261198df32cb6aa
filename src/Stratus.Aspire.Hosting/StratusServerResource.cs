using Aspire.Hosting.ApplicationModel;
using Stratus.Aspire.Hosting.Cli;

namespace Aspire.Hosting;

/// <summary>
/// A <c>stratus</c> server role run as an Aspire executable: <c>stratus &lt;role&gt; --urls=http://localhost:{port}</c>,
/// or <c>dotnet exec stratus.dll &lt;role&gt; ...</c> when the CLI is given as a <c>.dll</c>. Its HTTP endpoint is named
/// <c>http</c>; its health is <c>/actuator/health</c>.
/// </summary>
public abstract class StratusServerResource : ExecutableResource, IResourceWithServiceDiscovery
{
    /// <summary>The name of the HTTP endpoint every Stratus resource has: <c>http</c>.</summary>
    public const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    private protected StratusServerResource(string name, string role, StratusCliCommand cli, string workingDirectory)
        : base(name, cli.Command, workingDirectory)
    {
        Role = role;
        Cli = cli;
    }

    /// <summary>The <c>stratus</c> role this resource runs: <c>registry</c>, <c>config-server</c>, <c>gateway</c> or <c>auth-server</c>.</summary>
    public string Role { get; }

    /// <summary>The resource's HTTP endpoint (named <see cref="HttpEndpointName"/>).</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <summary>How the resource starts <c>stratus</c>; replaced by <c>WithStratusCli</c>.</summary>
    internal StratusCliCommand Cli { get; set; }
}
