using Stratus.ConfigServer.Environment;

namespace Stratus.ConfigServer.Repositories;

/// <summary>An environment, or the status and message explaining why there is none.</summary>
internal sealed record EnvironmentLookup(LookupStatus Status, ConfigEnvironment? Environment, string? Message)
{
    public static EnvironmentLookup Found(ConfigEnvironment environment) => new(LookupStatus.Found, environment, null);

    public static EnvironmentLookup Fail(LookupStatus status, string message) => new(status, null, message);
}
