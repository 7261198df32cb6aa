using Microsoft.Extensions.Configuration;

namespace Stratus.Bus.Environment;

/// <summary>The configuration source of <see cref="BusEnvironment"/>; added last, so it wins over every source added before it.</summary>
internal sealed class BusEnvironmentSource(BusEnvironment environment) : IConfigurationSource
{
    public BusEnvironment Environment => environment;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new BusEnvironmentProvider(environment);
}
