using System.Globalization;
using Stratus.Config.Client;
using Microsoft.Extensions.Configuration;

namespace Stratus.Config;

/// <summary>
/// Reads <see cref="ConfigClientOptions"/> before the host exists: <c>Stratus:Config</c> first, then the Spring names a
/// Spring user already has (<c>spring.cloud.config.*</c> nested or dotted, <c>spring.application.name</c>,
/// <c>spring.profiles.active</c>, <c>encrypt.key</c> or <c>ENCRYPT_KEY</c>), then the host's application and environment
/// names. Every value that does not parse or is out of range is collected, naming its key.
/// </summary>
internal static class ConfigClientOptionsBinder
{
    public static ConfigClientOptions Read(IConfiguration configuration, string? hostApplication, string? hostEnvironment, Action<ConfigClientOptions>? configure)
    {
        var options = new ConfigClientOptions();
        var errors = new List<string>();
        var stratus = configuration.GetSection(ConfigClientOptions.SectionName);
        try
        {
            stratus.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            errors.Add($"{ConfigClientOptions.SectionName}: {e.Message}");
        }

        if (stratus["Enabled"] is null && Spring(configuration, "spring.cloud.config.enabled") is { } enabled)
        {
            options.Enabled = ParseBool(enabled, "spring.cloud.config.enabled", errors) ?? options.Enabled;
        }

        if (stratus["Uri"] is null && Spring(configuration, "spring.cloud.config.uri") is { } uri)
        {
            options.Uri = uri;
        }

        options.Name ??= Spring(configuration, "spring.cloud.config.name") ?? Spring(configuration, "spring.application.name") ?? hostApplication;
        options.Profile ??= Spring(configuration, "spring.cloud.config.profile") ?? Spring(configuration, "spring.profiles.active")
            ?? hostEnvironment?.ToLowerInvariant();
        options.Label ??= Spring(configuration, "spring.cloud.config.label");
        options.Username ??= Spring(configuration, "spring.cloud.config.username");
        options.Password ??= Spring(configuration, "spring.cloud.config.password");
        options.Token ??= Spring(configuration, "spring.cloud.config.token");
        options.Encrypt.Key ??= Spring(configuration, "encrypt.key") ?? configuration["ENCRYPT_KEY"];
        if (stratus["Encrypt:Salt"] is null && Spring(configuration, "encrypt.salt") is { } salt)
        {
            options.Encrypt.Salt = salt;
        }

        if (stratus["FailFast"] is null && Spring(configuration, "spring.cloud.config.fail-fast", "failFast") is { } failFast)
        {
            options.FailFast = ParseBool(failFast, "spring.cloud.config.fail-fast", errors) ?? options.FailFast;
        }

        if (stratus["Timeout"] is null && Spring(configuration, "spring.cloud.config.request-read-timeout", "requestReadTimeout") is { } readTimeout)
        {
            options.Timeout = ParseMilliseconds(readTimeout, "spring.cloud.config.request-read-timeout", errors) ?? options.Timeout;
        }

        var retry = options.Retry;
        if (stratus["Retry:MaxAttempts"] is null && Spring(configuration, "spring.cloud.config.retry.max-attempts", "maxAttempts") is { } attempts)
        {
            retry.MaxAttempts = int.TryParse(attempts.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Bad(errors, "spring.cloud.config.retry.max-attempts", attempts, retry.MaxAttempts);
        }

        if (stratus["Retry:InitialInterval"] is null && Spring(configuration, "spring.cloud.config.retry.initial-interval", "initialInterval") is { } initial)
        {
            retry.InitialInterval = ParseMilliseconds(initial, "spring.cloud.config.retry.initial-interval", errors) ?? retry.InitialInterval;
        }

        if (stratus["Retry:MaxInterval"] is null && Spring(configuration, "spring.cloud.config.retry.max-interval", "maxInterval") is { } max)
        {
            retry.MaxInterval = ParseMilliseconds(max, "spring.cloud.config.retry.max-interval", errors) ?? retry.MaxInterval;
        }

        if (stratus["Retry:Multiplier"] is null && Spring(configuration, "spring.cloud.config.retry.multiplier") is { } multiplier)
        {
            retry.Multiplier = double.TryParse(multiplier.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : Bad(errors, "spring.cloud.config.retry.multiplier", multiplier, retry.Multiplier);
        }

        var discovery = options.Discovery;
        if (stratus["Discovery:Enabled"] is null && Spring(configuration, "spring.cloud.config.discovery.enabled") is { } useDiscovery)
        {
            discovery.Enabled = ParseBool(useDiscovery, "spring.cloud.config.discovery.enabled", errors) ?? discovery.Enabled;
        }

        if (stratus["Discovery:ServiceId"] is null && Spring(configuration, "spring.cloud.config.discovery.service-id", "serviceId") is { } serviceId)
        {
            discovery.ServiceId = serviceId;
        }

        discovery.ServiceUrl ??= configuration["Stratus:Discovery:ServiceUrl"]
            ?? Spring(configuration, "eureka.client.service-url.defaultZone") ?? Spring(configuration, "eureka.client.serviceUrl.defaultZone");

        configure?.Invoke(options);
        Check(options, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid config client settings: " + string.Join("; ", errors));
        }

        return options;
    }

    private static void Check(ConfigClientOptions options, List<string> errors)
    {
        if (!options.Enabled)
        {
            return;
        }

        const string Prefix = ConfigClientOptions.SectionName + ":";
        if (!options.Discovery.Enabled)
        {
            foreach (var uri in ConfigServerUris.Split(options.Uri))
            {
                if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != "http" && parsed.Scheme != "https"))
                {
                    errors.Add($"{Prefix}Uri: '{ConfigServerUris.Mask(uri)}' is not an absolute http or https URI");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add($"{Prefix}Name: no application name (set it, or spring.application.name)");
        }
        else if (CheckSegment(options.Name) is { } nameProblem)
        {
            errors.Add($"{Prefix}Name: '{options.Name}' {nameProblem}");
        }

        if (string.IsNullOrWhiteSpace(options.Profile))
        {
            errors.Add($"{Prefix}Profile: no profile (set it, or spring.profiles.active)");
        }
        else if (options.Profile.Split(',').Select(p => CheckSegment(p.Trim())).FirstOrDefault(p => p is not null) is { } profileProblem)
        {
            errors.Add($"{Prefix}Profile: '{options.Profile}' {profileProblem}");
        }

        if (options.Label is { Length: > 0 } label && label.Split('/').Select(CheckSegment).FirstOrDefault(p => p is not null) is { } labelProblem)
        {
            errors.Add($"{Prefix}Label: '{label}' {labelProblem}");
        }

        var retry = options.Retry;
        if (retry.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{Prefix}Retry:MaxAttempts: {retry.MaxAttempts} is outside 1-100");
        }

        if (retry.InitialInterval < TimeSpan.Zero || retry.MaxInterval < retry.InitialInterval)
        {
            errors.Add($"{Prefix}Retry: InitialInterval {retry.InitialInterval} must be at least 0 and at most MaxInterval {retry.MaxInterval}");
        }

        if (double.IsNaN(retry.Multiplier) || retry.Multiplier < 1 || retry.Multiplier > 10)
        {
            errors.Add($"{Prefix}Retry:Multiplier: {retry.Multiplier.ToString(CultureInfo.InvariantCulture)} is outside 1-10");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Prefix}Timeout: {options.Timeout} is outside (0, 10 minutes]");
        }

        if (options.Watch.Wait < TimeSpan.Zero || options.Watch.Wait > TimeSpan.FromMinutes(10) || options.Watch.PollInterval <= TimeSpan.Zero || options.Watch.MaxBackoff < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Prefix}Watch: Wait must be within 0-10 minutes, PollInterval above 0 and MaxBackoff at least 1 second");
        }

        if (options.Cache.WriteDelay < TimeSpan.Zero || options.Cache.WriteDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}Cache:WriteDelay: {options.Cache.WriteDelay} is outside 0-1 hour");
        }

        if (options.Encrypt.Key is { Length: > 0 } && !IsHex(options.Encrypt.Salt))
        {
            errors.Add($"{Prefix}Encrypt:Salt: must be hex, like Spring's default 'deadbeef'");
        }
    }

    /// <summary>A name, profile or label segment goes into a URL path: refuse what could change the path's meaning.</summary>
    private static string? CheckSegment(string segment) =>
        segment.Length == 0 ? "has an empty part"
        : segment is "." or ".." ? "is a relative path segment"
        : segment.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%') ? "contains a character not allowed in a path segment (/ \\ ? # % or a control character)"
        : null;

    private static bool IsHex(string text) => text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);

    /// <summary>A Spring key nested (<c>spring:cloud:config:fail-fast</c>), dotted (<c>spring.cloud.config.fail-fast</c>) or with a camel-case last part.</summary>
    private static string? Spring(IConfiguration configuration, string dotted, string? camelLast = null)
    {
        var value = configuration[dotted.Replace('.', ':')] ?? configuration[dotted];
        if (value is null && camelLast is not null)
        {
            var parent = dotted[..dotted.LastIndexOf('.')];
            value = configuration[parent.Replace('.', ':') + ":" + camelLast] ?? configuration[parent + "." + camelLast];
        }

        return value;
    }

    private static bool? ParseBool(string text, string key, List<string> errors) =>
        bool.TryParse(text.Trim(), out var value) ? value : Bad<bool?>(errors, key, text, null);

    private static TimeSpan? ParseMilliseconds(string text, string key, List<string> errors) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= int.MaxValue
            ? TimeSpan.FromMilliseconds(ms)
            : Bad<TimeSpan?>(errors, key, text, null);

    private static T Bad<T>(List<string> errors, string key, string text, T fallback)
    {
        errors.Add($"{key}: '{text}' is not valid");
        return fallback;
    }
}
