using Microsoft.Extensions.Options;

namespace Stratus.Discovery;

/// <summary>Rejects settings the client cannot work with, at start, with a message that names the key.</summary>
internal sealed class DiscoveryOptionsRules : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        var failures = new List<string>(options.AliasErrors);
        const string Prefix = DiscoveryOptions.SectionName + ":";

        if (options.Register || options.Fetch)
        {
            if (string.IsNullOrWhiteSpace(options.ServiceUrl))
            {
                failures.Add($"{Prefix}ServiceUrl is empty; give at least one registry URL such as http://localhost:8761/eureka/.");
            }
            else
            {
                foreach (var url in RegistryEndpoint.SplitList(options.ServiceUrl))
                {
                    if (!RegistryEndpoint.TryParse(url, out _))
                    {
                        failures.Add($"{Prefix}ServiceUrl: '{RegistryEndpoint.Mask(url)}' is not an absolute http or https URL.");
                    }
                }
            }
        }

        Positive(options.LeaseRenewalInterval, "LeaseRenewalInterval");
        Positive(options.LeaseExpirationDuration, "LeaseExpirationDuration");
        Positive(options.RegistryFetchInterval, "RegistryFetchInterval");
        Positive(options.RegistryRequestTimeout, "RegistryRequestTimeout");
        if (options.InitialFetchWait < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}InitialFetchWait must not be negative (was {options.InitialFetchWait}).");
        }

        if (options.ShutdownDrainDelay < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}ShutdownDrainDelay must not be negative (was {options.ShutdownDrainDelay}).");
        }

        if (options.LeaseExpirationDuration > TimeSpan.Zero && options.LeaseExpirationDuration <= options.LeaseRenewalInterval)
        {
            failures.Add($"{Prefix}LeaseExpirationDuration ({options.LeaseExpirationDuration}) must be longer than {Prefix}LeaseRenewalInterval ({options.LeaseRenewalInterval}), or the lease expires between renewals.");
        }

        if (options.Register && string.IsNullOrWhiteSpace(options.AppName))
        {
            failures.Add($"{Prefix}AppName is empty; set it (or spring.application.name) to the name callers use.");
        }

        if (options.Port is { } port && (port is < 1 or > 65535))
        {
            failures.Add($"{Prefix}Port must be between 1 and 65535 (was {port}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Prefix}{key} must be positive (was {value}).");
            }
        }
    }
}
