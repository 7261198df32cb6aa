namespace Stratus.Aspire.Hosting.Cli;

/// <summary>
/// How a resource starts <c>stratus</c>: the command and the arguments before the role. A <c>.dll</c> runs as
/// <c>dotnet exec {path}</c>; a path with a folder runs as that file; a bare name is looked up on <c>PATH</c>.
/// </summary>
internal sealed record StratusCliCommand(string Command, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The AppHost configuration key that names the CLI: <c>Stratus:Aspire:CliPath</c>.</summary>
    public const string ConfigurationKey = "Stratus:Aspire:CliPath";

    /// <summary>The command used when nothing is configured: the <c>stratus</c> dotnet tool on <c>PATH</c>.</summary>
    public const string DefaultCommand = "stratus";

    /// <summary>Resolves <paramref name="path"/> (relative paths against <paramref name="baseDirectory"/>).</summary>
    public static StratusCliCommand From(string? path, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return new(DefaultCommand, []);
        }

        path = path.Trim();
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new("dotnet", ["exec", Path.GetFullPath(path, baseDirectory)]);
        }

        var hasFolder = path.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || path.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
        return new(hasFolder ? Path.GetFullPath(path, baseDirectory) : path, []);
    }
}
