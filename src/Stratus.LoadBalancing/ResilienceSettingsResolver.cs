using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Stratus.LoadBalancing;

/// <summary>Resilience settings of a service: the defaults, overlaid with the service's own section.</summary>
internal sealed class ResilienceSettingsResolver(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, ResilienceSettings> _cache = new(StringComparer.OrdinalIgnoreCase);

    public ResilienceSettings Get(string serviceId) => _cache.GetOrAdd(serviceId, Resolve);

    private ResilienceSettings Defaults()
    {
        var settings = new ResilienceSettings();
        configuration.GetSection(LoadBalancingOptions.SectionName + ":Resilience").Bind(settings);
        return settings;
    }

    private ResilienceSettings Resolve(string serviceId)
    {
        var settings = Defaults();
        configuration.GetSection($"{LoadBalancingOptions.SectionName}:Services:{serviceId}:Resilience").Bind(settings);
        return settings;
    }

    /// <summary>Problems with the defaults and every configured service, each naming its key.</summary>
    public List<string> Validate()
    {
        var failures = new List<string>();
        Check(LoadBalancingOptions.SectionName + ":Resilience", Defaults(), failures);
        foreach (var service in configuration.GetSection(LoadBalancingOptions.SectionName + ":Services").GetChildren())
        {
            Check($"{LoadBalancingOptions.SectionName}:Services:{service.Key}:Resilience", Resolve(service.Key), failures);
        }

        return failures;
    }

    private static void Check(string prefix, ResilienceSettings s, List<string> failures)
    {
        Positive(s.Timeout, "Timeout");
        Positive(s.AttemptTimeout, "AttemptTimeout");
        Positive(s.SamplingDuration, "SamplingDuration");
        Positive(s.BreakDuration, "BreakDuration");
        if (s.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:RetryDelay must not be negative (was {s.RetryDelay}).");
        }

        if (s.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{prefix}:MaxRetryAttempts must be between 0 and 10 (was {s.MaxRetryAttempts}).");
        }

        if (s.FailureRatio is <= 0 or > 1)
        {
            failures.Add($"{prefix}:FailureRatio must be above 0 and at most 1 (was {s.FailureRatio}).");
        }

        if (s.MinimumThroughput < 2)
        {
            failures.Add($"{prefix}:MinimumThroughput must be at least 2 (was {s.MinimumThroughput}).");
        }

        if (s.MaxConcurrentRequests < 0 || s.MaxQueuedRequests < 0 || s.PermitsPerSecond < 0)
        {
            failures.Add($"{prefix}: MaxConcurrentRequests, MaxQueuedRequests and PermitsPerSecond must not be negative.");
        }

        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{prefix}:{key} must be positive (was {value}).");
            }
        }
    }
}
