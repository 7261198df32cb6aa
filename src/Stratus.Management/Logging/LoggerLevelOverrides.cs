using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Stratus.Management.Logging;

/// <summary>
/// Levels set through <c>POST {base}/loggers/{name}</c>. They are added last to <see cref="LoggerFilterOptions"/> (so they
/// beat configuration's rules of the same category), once without a provider and once per provider that has its own
/// rules (<c>Logging:Console:LogLevel:*</c>), which would otherwise win. Setting one fires this change token;
/// <see cref="LoggerFactory"/> then recomputes the filters of every existing logger.
/// </summary>
internal sealed class LoggerLevelOverrides : IPostConfigureOptions<LoggerFilterOptions>, IOptionsChangeTokenSource<LoggerFilterOptions>, IDisposable
{
    /// <summary>The key of the root logger (Spring's <c>ROOT</c>, .NET's <c>Default</c>).</summary>
    public const string Root = "";

    private readonly Lock _gate = new();
    private ImmutableDictionary<string, LogLevel> _levels = ImmutableDictionary.Create<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
    private CancellationTokenSource _changed = new();

    public string Name => Options.DefaultName;

    public ImmutableDictionary<string, LogLevel> Levels => _levels;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public void Set(string category, LogLevel? level)
    {
        CancellationTokenSource changed;
        lock (_gate)
        {
            _levels = level is { } value ? _levels.SetItem(category, value) : _levels.Remove(category);
            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        changed.Cancel();
    }

    public void Dispose() => _changed.Dispose();

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        if (name != Options.DefaultName)
        {
            return;
        }

        var providers = options.Rules.Select(r => r.ProviderName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var (key, level) in _levels)
        {
            var category = key.Length == 0 ? null : key;
            options.Rules.Add(new LoggerFilterRule(null, category, level, null));
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, level, null));
            }
        }
    }
}
