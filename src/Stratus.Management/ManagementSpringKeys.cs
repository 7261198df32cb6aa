using Microsoft.Extensions.Configuration;

namespace Stratus.Management;

/// <summary>
/// Spring Boot's <c>management.*</c> keys, read where the Stratus key is not set (the Stratus key wins):
/// <c>management.endpoints.web.base-path</c>, <c>management.endpoints.web.exposure.include|exclude</c>,
/// <c>management.endpoint.health.show-details</c>, <c>management.endpoint.health.group.{name}.include</c>,
/// <c>management.endpoint.env.show-values</c> and <c>management.endpoint.configprops.show-values</c>.
/// </summary>
internal static class ManagementSpringKeys
{
    public static void Apply(IConfiguration configuration, ManagementOptions options)
    {
        var stratus = configuration.GetSection(ManagementOptions.SectionName);
        var spring = configuration.GetSection("management");
        if (!spring.Exists())
        {
            return;
        }

        if (stratus["BasePath"] is null && spring["endpoints:web:base-path"] is { } basePath)
        {
            options.BasePath = basePath;
        }

        if (!stratus.GetSection("Exposure:Include").Exists())
        {
            AddList(spring.GetSection("endpoints:web:exposure:include"), options.Exposure.Include);
        }

        if (!stratus.GetSection("Exposure:Exclude").Exists())
        {
            AddList(spring.GetSection("endpoints:web:exposure:exclude"), options.Exposure.Exclude);
        }

        options.Health.ShowDetails = Visibility(stratus, "Health:ShowDetails", spring, "endpoint:health:show-details", options.Health.ShowDetails);
        options.Env.ShowValues = Visibility(stratus, "Env:ShowValues", spring, "endpoint:env:show-values", options.Env.ShowValues);
        options.ConfigProps.ShowValues = Visibility(stratus, "ConfigProps:ShowValues", spring, "endpoint:configprops:show-values", options.ConfigProps.ShowValues);
        foreach (var group in spring.GetSection("endpoint:health:group").GetChildren())
        {
            if (!options.Health.Groups.ContainsKey(group.Key))
            {
                var settings = new ManagementHealthGroupOptions();
                AddList(group.GetSection("include"), settings.Include);
                options.Health.Groups[group.Key] = settings;
            }
        }
    }

    /// <summary>A list given as entries, as one comma-separated string, or both.</summary>
    public static void AddList(IConfigurationSection section, IList<string> into)
    {
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var entry in entries)
        {
            if (!into.Contains(entry))
            {
                into.Add(entry);
            }
        }
    }

    private static ManagementVisibility Visibility(IConfigurationSection stratus, string stratusKey, IConfigurationSection spring, string springKey, ManagementVisibility current)
    {
        if (stratus[stratusKey] is not null || spring[springKey] is not { } value)
        {
            return current;
        }

        return value.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "NEVER" => ManagementVisibility.Never,
            "WHENAUTHORIZED" => ManagementVisibility.WhenAuthorized,
            "ALWAYS" => ManagementVisibility.Always,
            _ => throw new InvalidOperationException($"management:{springKey} must be never, when-authorized or always; got '{value}'."),
        };
    }
}
