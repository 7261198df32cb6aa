using Microsoft.Extensions.Logging;

namespace Stratus.Management.Logging;

/// <summary>
/// Configured and effective levels, by Microsoft.Extensions.Logging's rule: of the rules without a provider, the one
/// with the longest matching category prefix (one <c>*</c> wildcard allowed) wins, the last on a tie; without one,
/// <see cref="LoggerFilterOptions.MinLevel"/>. Provider-specific rules are not shown.
/// </summary>
internal static class LoggerLevels
{
    public static LogLevel? Configured(LoggerFilterOptions options, string? category)
    {
        LogLevel? level = null;
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is null && rule.LogLevel is { } ruleLevel && string.Equals(rule.CategoryName, category, StringComparison.OrdinalIgnoreCase))
            {
                level = ruleLevel;
            }
        }

        return category is null ? level ?? options.MinLevel : level;
    }

    public static LogLevel Effective(LoggerFilterOptions options, string? category)
    {
        if (category is null)
        {
            return Configured(options, null)!.Value;
        }

        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is not null || rule.LogLevel is null || !Matches(rule.CategoryName, category))
            {
                continue;
            }

            if (best?.CategoryName is not null && (rule.CategoryName is null || best.CategoryName.Length > rule.CategoryName.Length))
            {
                continue;
            }

            best = rule;
        }

        return best?.LogLevel ?? options.MinLevel;
    }

    private static bool Matches(string? pattern, string category)
    {
        if (pattern is null)
        {
            return true;
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var prefix = star < 0 ? pattern : pattern[..star];
        var suffix = star < 0 ? string.Empty : pattern[(star + 1)..];
        return category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && category.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
