using Microsoft.Extensions.Options;

namespace Stratus.Security;

/// <summary>A configured client needs its secret and an absolute http(s) token endpoint; the method and refresh margin must be known values.</summary>
internal sealed class ClientCredentialsOptionsRules : IValidateOptions<ClientCredentialsOptions>
{
    private const string Section = ClientCredentialsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClientCredentialsOptions options)
    {
        if (!options.Configured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            errors.Add($"{Section}:ClientSecret is required with ClientId");
        }

        if (string.IsNullOrWhiteSpace(options.TokenEndpoint))
        {
            errors.Add($"{Section}:TokenEndpoint is required with ClientId");
        }
        else if (!Uri.TryCreate(options.TokenEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.UserInfo.Length > 0)
        {
            errors.Add($"{Section}:TokenEndpoint is not an absolute http(s) URL without credentials");
        }

        if (options.AuthenticationMethod is not ("client_secret_basic" or "client_secret_post"))
        {
            errors.Add($"{Section}:AuthenticationMethod '{options.AuthenticationMethod}' must be client_secret_basic or client_secret_post");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Section}:RefreshBeforeExpiry '{options.RefreshBeforeExpiry}' must be between 0 and 10 minutes");
        }

        foreach (var scope in options.Scopes.Where(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add($"{Section}:Scopes entry '{scope}' is blank or holds a space (list one scope per entry)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
