using Microsoft.Extensions.Configuration;
using Stratus.Config.Client;

namespace Stratus.Config;

/// <summary>
/// The config server as a configuration source. Every provider built from it shares one client, so the host may
/// rebuild providers without a second fetch or a second watch.
/// </summary>
public sealed class ConfigServerConfigurationSource : IConfigurationSource
{
    internal ConfigServerConfigurationSource(ConfigClientSession session) => Session = session;

    /// <summary>The settings in force (read once, when the source was added).</summary>
    public ConfigClientOptions Options => Session.Options;

    internal ConfigClientSession Session { get; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConfigServerConfigurationProvider(Session);
}
