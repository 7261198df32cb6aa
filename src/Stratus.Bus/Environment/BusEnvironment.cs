using Stratus.Config.Client;

namespace Stratus.Bus.Environment;

/// <summary>
/// The values environment-change events set, as Spring's <c>EnvironmentManager</c> keeps them: above every other
/// configuration source, in memory until the process ends. Spring names become .NET keys as the config client makes
/// them (<c>app.message</c> → <c>app:message</c>). Providers built from <see cref="BusEnvironmentSource"/> show them and
/// raise one reload per change, so <c>IOptionsMonitor</c> listeners see the new values.
/// </summary>
internal sealed class BusEnvironment
{
    private readonly Lock _gate = new();
    private Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after the values changed; read <see cref="Values"/> for the latest (two changes may race here).</summary>
    public event Action? Changed;

    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>Sets each value (a null value removes an earlier one) and returns the keys whose value changed.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyDictionary<string, string?> springValues)
    {
        List<string> changed = [];
        Dictionary<string, string?> next;
        lock (_gate)
        {
            next = new Dictionary<string, string?>(_values, StringComparer.OrdinalIgnoreCase);
            foreach (var (springKey, value) in springValues)
            {
                var key = SpringKey.ToConfigurationKey(springKey);
                if (key.Length == 0)
                {
                    continue;
                }

                var had = next.TryGetValue(key, out var old);
                if (value is null ? had : !had || !string.Equals(old, value, StringComparison.Ordinal))
                {
                    changed.Add(key);
                    if (value is null)
                    {
                        next.Remove(key);
                    }
                    else
                    {
                        next[key] = value;
                    }
                }
            }

            if (changed.Count == 0)
            {
                return changed;
            }

            _values = next;
        }

        Changed?.Invoke();
        return changed;
    }
}
