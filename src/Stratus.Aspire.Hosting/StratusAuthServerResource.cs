using Stratus.Aspire.Hosting.Cli;

namespace Aspire.Hosting;

/// <summary>
/// <c>stratus auth-server</c>: the OAuth2/OpenID Connect authorisation server. Its issuer is set to its own endpoint URL;
/// a resource that references it gets <c>Stratus__Security__ResourceServer__Authority={url}/</c>.
/// </summary>
public sealed class StratusAuthServerResource : StratusServerResource
{
    internal StratusAuthServerResource(string name, StratusCliCommand cli, string workingDirectory)
        : base(name, "auth-server", cli, workingDirectory)
    {
    }

    /// <summary>The scopes <c>WithScope</c> has added, in order: the index of each is its position.</summary>
    internal List<string> ScopeNames { get; } = [];

    /// <summary>The clients <c>WithClient</c> has added, in order: the index of each is its position.</summary>
    internal List<string> ClientIds { get; } = [];
}
