using Microsoft.Extensions.Options;

namespace Stratus.Security;

/// <summary>
/// Checks one scheme's settings, naming each bad key under the section it was bound from: exactly one source of keys,
/// absolute http(s) URLs, an audience, a JWKS-only source with an issuer, the clock skew and refresh intervals in range.
/// </summary>
internal sealed class ResourceServerOptionsRules(string scheme, string section) : IValidateOptions<ResourceServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceServerOptions options)
    {
        if ((name ?? Options.DefaultName) != scheme)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        var sources = new[] { options.Authority, options.JwksUri, options.IssuerServiceId }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (sources == 0)
        {
            errors.Add($"{section}: one of Authority, JwksUri or IssuerServiceId is required");
        }
        else if (sources > 1)
        {
            errors.Add($"{section}: set only one of Authority, JwksUri and IssuerServiceId");
        }

        Url(options.Authority, "Authority", errors);
        Url(options.JwksUri, "JwksUri", errors);
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{section}:Audience is required (RFC 8725 3.9: a token for another service must not be accepted)");
        }

        if (!string.IsNullOrWhiteSpace(options.JwksUri) && string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add($"{section}:Issuer is required with JwksUri (a bare key set names no issuer)");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{section}:ClockSkew '{options.ClockSkew}' must be between 0 and 60 seconds");
        }

        if (options.KeyRefreshInterval < TimeSpan.FromSeconds(1) || options.KeyRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:KeyRefreshInterval '{options.KeyRefreshInterval}' must be between 1 second and 1 hour");
        }

        if (options.KeyCacheLifetime < TimeSpan.FromMinutes(1) || options.KeyCacheLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{section}:KeyCacheLifetime '{options.KeyCacheLifetime}' must be between 1 minute and 1 day");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Url(string? value, string key, List<string> problems)
        {
            if (!string.IsNullOrWhiteSpace(value)
                && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.UserInfo.Length > 0))
            {
                problems.Add(value.Contains('@', StringComparison.Ordinal)
                    ? $"{section}:{key} must not carry credentials"
                    : $"{section}:{key} '{value}' is not an absolute http(s) URL");
            }
        }
    }
}
