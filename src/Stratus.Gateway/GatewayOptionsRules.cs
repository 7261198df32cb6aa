using Microsoft.Extensions.Options;

namespace Stratus.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/>, naming each bad key and value.</summary>
internal sealed class GatewayOptionsRules : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{GatewayOptions.SectionName}:ResponseTimeout: {options.ResponseTimeout} must be above 0");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{GatewayOptions.SectionName}:ConnectTimeout: {options.ConnectTimeout} must be above 0");
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            var entry = options.TrustedProxies[i];
            if (!Proxy.ClientAddress.TryParseNetwork(entry, out _))
            {
                errors.Add($"{GatewayOptions.SectionName}:TrustedProxies:{i}: '{entry}' is not an IP address or CIDR range");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
