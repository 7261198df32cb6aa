using System.Collections.Immutable;

namespace Stratus.ConfigServer.Environment;

/// <summary>Property sources of an environment, or the file and reason that made it impossible to build.</summary>
internal sealed record AssemblyResult(ImmutableArray<PropertySourceData> Sources, string? Error)
{
    public static AssemblyResult Failed(string error) => new([], error);
}
