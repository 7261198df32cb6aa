using System.Collections.Immutable;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// A parsed configuration file: its non-empty documents in file order, or the reason it could not be read.
/// Parsing never throws for bad content; a hostile or broken file becomes <see cref="Error"/>.
/// </summary>
internal sealed record ConfigFile(ImmutableArray<ConfigDocument> Documents, string? Error)
{
    public static ConfigFile Failed(string error) => new([], error);
}
