using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Security.AuthServer.Logging;

/// <summary>
/// Keeps OpenIddict's loggers at Debug or above whatever the configured levels say: at Trace, OpenIddict writes whole
/// tokens, codes and their claims into its messages, and a token in a log file is a credential anyone can replay.
/// </summary>
internal sealed class OpenIddictTraceGuard : IPostConfigureOptions<LoggerFilterOptions>
{
    private const string Category = "OpenIddict";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        // Raise every OpenIddict rule already there, then add one for the whole category from the level it had.
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule.CategoryName?.StartsWith(Category, StringComparison.Ordinal) == true && (rule.LogLevel ?? LogLevel.Trace) < LogLevel.Debug)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Debug, rule.Filter);
            }
        }

        var inherited = options.Rules
            .Where(r => r.ProviderName is null && (r.CategoryName is null || Category.StartsWith(r.CategoryName, StringComparison.Ordinal)))
            .OrderBy(r => r.CategoryName?.Length ?? -1)
            .LastOrDefault()?.LogLevel ?? options.MinLevel;
        options.Rules.Add(new LoggerFilterRule(null, Category, inherited < LogLevel.Debug ? LogLevel.Debug : inherited, null));
    }
}
