using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Stratus.LoadBalancing;

/// <summary>Fails start-up on resilience settings that cannot work, naming the key.</summary>
internal sealed class LoadBalancingOptionsRules(IConfiguration configuration) : IValidateOptions<LoadBalancingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoadBalancingOptions options)
    {
        List<string> failures;
        try
        {
            failures = new ResilienceSettingsResolver(configuration).Validate();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key whose value does not convert.
            failures = [ex.Message];
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
