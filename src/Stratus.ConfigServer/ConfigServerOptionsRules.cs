using Microsoft.Extensions.Options;

namespace Stratus.ConfigServer;

/// <summary>Rules across fields of <see cref="ConfigServerOptions"/>; every problem is reported with its full key.</summary>
internal sealed class ConfigServerOptionsRules : IValidateOptions<ConfigServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfigServerOptions options)
    {
        var errors = new List<string>();
        if (options.Composite.Count == 0 && string.IsNullOrWhiteSpace(options.Git.Uri) && options.Native.SearchLocations.Count == 0)
        {
            errors.Add("Set Stratus:ConfigServer:Git:Uri (a Git repository) or Stratus:ConfigServer:Native:SearchLocations (plain folders), or Stratus:ConfigServer:Composite.");
        }

        for (var i = 0; i < options.Composite.Count; i++)
        {
            var entry = options.Composite[i];
            switch (entry.Type?.ToUpperInvariant())
            {
                case "GIT" when string.IsNullOrWhiteSpace(entry.Git.Uri):
                    errors.Add($"Stratus:ConfigServer:Composite:{i}:Git:Uri is required for a git entry.");
                    break;
                case "NATIVE" when entry.Native.SearchLocations.Count == 0:
                    errors.Add($"Stratus:ConfigServer:Composite:{i}:Native:SearchLocations is required for a native entry.");
                    break;
                case "GIT" or "NATIVE":
                    break;
                default:
                    errors.Add($"Stratus:ConfigServer:Composite:{i}:Type is '{entry.Type}'; expected 'git' or 'native'.");
                    break;
            }
        }

        if (options.Prefix is { Length: > 0 } prefix && (!prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.Contains("..", StringComparison.Ordinal)))
        {
            errors.Add($"Stratus:ConfigServer:Prefix '{prefix}' must start with '/' and not end with '/'.");
        }

        foreach (var git in options.Composite.Select(c => c.Git).Append(options.Git))
        {
            if (git.RefreshRate < TimeSpan.Zero || git.Timeout <= TimeSpan.Zero)
            {
                errors.Add("Stratus:ConfigServer:Git:RefreshRate must not be negative and Git:Timeout must be positive.");
            }
        }

        if (options.MaxFileSize is < 1024 or > 256 * 1024 * 1024)
        {
            errors.Add($"Stratus:ConfigServer:MaxFileSize is {options.MaxFileSize}; expected 1024 to 268435456 bytes.");
        }

        if (options.WatchTimeout <= TimeSpan.Zero || options.MaxWatchers < 1)
        {
            errors.Add("Stratus:ConfigServer:WatchTimeout must be positive and MaxWatchers at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
