using Microsoft.Extensions.Configuration;
using Stratus.Config.Client;

namespace Stratus.Config.Tests.Support;

public static class ConfigurationExtensions
{
    internal static ConfigClientSession GetSession(this IConfiguration configuration) =>
        ((IConfigurationRoot)configuration).Providers.OfType<ConfigServerConfigurationProvider>().Single().Session;
}
