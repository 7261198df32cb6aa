using System.Globalization;
using Microsoft.Extensions.Options;

namespace Stratus.Registry;

/// <summary>Checks the durations of <see cref="RegistryOptions"/> and the peer URLs, naming every bad key and value.</summary>
internal sealed class RegistryOptionsRules : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(options.EvictionInterval), options.EvictionInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        Check(errors, nameof(options.ExpectedClientRenewalInterval), options.ExpectedClientRenewalInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Check(errors, nameof(options.DeltaRetention), options.DeltaRetention, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Check(errors, nameof(options.PeerSyncTimeout), options.PeerSyncTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        Check(errors, nameof(options.ReplicationBatchDelay), options.ReplicationBatchDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Check(errors, nameof(options.WatchTimeout), options.WatchTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        for (var i = 0; i < options.PeerUrls.Count; i++)
        {
            var url = options.PeerUrls[i];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{RegistryOptions.SectionName}:PeerUrls:{i} must be an absolute http(s) URL, got '{Mask(url)}'"));
            }
        }

        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{RegistryOptions.SectionName}:Password is required when {RegistryOptions.SectionName}:Username is set");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{RegistryOptions.SectionName}:{key} must be between {min} and {max}, got {value}"));
        }
    }

    /// <summary>Hides credentials in a URL before it reaches a message.</summary>
    internal static string Mask(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
