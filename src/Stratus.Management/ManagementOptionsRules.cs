using Microsoft.Extensions.Options;

namespace Stratus.Management;

/// <summary>Checks <see cref="ManagementOptions"/>, collecting every problem with its full key and bad value.</summary>
internal sealed class ManagementOptionsRules : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        var errors = new List<string>();
        var basePath = options.BasePath ?? string.Empty;
        if (basePath.Length > 0 && (!basePath.StartsWith('/') || basePath.IndexOfAny(['{', '}', '?', '#', '*']) >= 0))
        {
            errors.Add($"{ManagementOptions.SectionName}:BasePath must be empty or start with '/' and hold no route syntax; got '{basePath}'.");
        }

        foreach (var (group, settings) in options.Health.Groups)
        {
            if (group.Length == 0 || group.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{ManagementOptions.SectionName}:Health:Groups has a group named '{group}': names must be non-empty and hold no '/'.");
            }
            else if (settings.Include.Count == 0 && group is not "liveness" and not "readiness")
            {
                errors.Add($"{ManagementOptions.SectionName}:Health:Groups:{group}:Include is empty: list check names or tags.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
