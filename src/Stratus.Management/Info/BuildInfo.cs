using System.Reflection;

namespace Stratus.Management.Info;

/// <summary>
/// What the entry assembly says about its build: name, version (informational version without its <c>+sha</c> suffix),
/// and the commit when SourceLink put it after the <c>+</c>. The build time is not recorded by .NET, so it is left out
/// unless configured as <c>Info:build:time</c>.
/// </summary>
internal sealed record BuildInfo(string? Name, string? Version, string? Commit)
{
    public static BuildInfo From(Assembly? assembly)
    {
        if (assembly is null)
        {
            return new BuildInfo(null, null, null);
        }

        var name = assembly.GetName();
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            return new BuildInfo(name.Name, name.Version?.ToString(), null);
        }

        return FromInformationalVersion(name.Name, informational);
    }

    public static BuildInfo FromInformationalVersion(string? name, string informational)
    {
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return new BuildInfo(name, informational, null);
        }

        var suffix = informational[(plus + 1)..];
        var commit = suffix.Length >= 7 && suffix.All(char.IsAsciiHexDigit) ? suffix : null;
        return new BuildInfo(name, informational[..plus], commit);
    }
}
