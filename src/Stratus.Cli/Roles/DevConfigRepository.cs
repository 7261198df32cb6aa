using Microsoft.Extensions.Configuration;

namespace Stratus.Cli.Roles;

/// <summary>
/// What the dev config server serves: the repository the usual config server keys name, if any; otherwise the
/// <c>Stratus:Dev:ConfigRepo</c> folder, read as a Git repository when it is one and as a plain folder when not.
/// </summary>
internal sealed record DevConfigRepository(string Description, IReadOnlyList<KeyValuePair<string, string?>> Defaults)
{
    public static (DevConfigRepository? Repository, string? Error) Resolve(IConfiguration configuration, string folder)
    {
        if (Configured(configuration))
        {
            return (new DevConfigRepository("the repository set by Stratus:ConfigServer keys", []), null);
        }

        if (!Directory.Exists(folder))
        {
            return (null, $"the config repository folder {folder} does not exist. Create it (a plain folder or a Git repository of "
                + $"application.yml, {{application}}.yml...), or point {DevSettings.ConfigRepoKey}=<path> at another one.");
        }

        var dotGit = Path.Combine(folder, ".git");
        if (!Directory.Exists(dotGit) && !File.Exists(dotGit))
        {
            return (new DevConfigRepository($"{folder} (plain folder)", [new("Stratus:ConfigServer:Native:SearchLocations", folder)]), null);
        }

        List<KeyValuePair<string, string?>> defaults = [new("Stratus:ConfigServer:Git:Uri", folder)];

        // Serve the branch being worked on (commits only, as the config server reads commits, never the working tree).
        if (string.IsNullOrEmpty(configuration["Stratus:ConfigServer:Git:DefaultLabel"]) && CurrentBranch(dotGit) is { } branch)
        {
            defaults.Add(new("Stratus:ConfigServer:Git:DefaultLabel", branch));
        }

        return (new DevConfigRepository($"{folder} (Git repository, committed files)", defaults), null);
    }

    private static bool Configured(IConfiguration configuration)
    {
        var stratus = configuration.GetSection("Stratus:ConfigServer");
        var spring = configuration.GetSection("spring:cloud:config:server");
        return HasValue(stratus.GetSection("Git:Uri")) || HasValue(stratus.GetSection("Native:SearchLocations"))
            || stratus.GetSection("Composite").GetChildren().Any()
            || spring.GetSection("git").GetChildren().Any() || spring.GetSection("native").GetChildren().Any()
            || spring.GetSection("composite").GetChildren().Any();
    }

    private static bool HasValue(IConfigurationSection section) => !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any();

    private static string? CurrentBranch(string dotGit)
    {
        const string Prefix = "ref: refs/heads/";
        var head = Path.Combine(dotGit, "HEAD");
        try
        {
            return File.Exists(head) && File.ReadAllText(head).Trim() is { } text && text.StartsWith(Prefix, StringComparison.Ordinal)
                ? text[Prefix.Length..]
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
