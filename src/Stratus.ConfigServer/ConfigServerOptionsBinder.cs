using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Stratus.ConfigServer;

/// <summary>
/// Maps the Spring names a Spring Cloud Config user already has (<c>spring.cloud.config.server.*</c>, <c>encrypt.*</c>,
/// <c>ENCRYPT_KEY</c>, <c>spring.security.user.*</c>) onto <see cref="ConfigServerOptions"/>, and splits comma lists.
/// Stratus keys win over Spring ones.
/// </summary>
internal sealed class ConfigServerOptionsBinder(IConfiguration configuration) : IConfigureOptions<ConfigServerOptions>
{
    public void Configure(ConfigServerOptions options)
    {
        var stratus = configuration.GetSection(ConfigServerOptions.SectionName);
        var server = configuration.GetSection("spring:cloud:config:server");
        var git = server.GetSection("git");
        var native = server.GetSection("native");

        Set(stratus["Prefix"], server["prefix"], v => options.Prefix = v);
        Set(stratus["AcceptEmpty"], Spring(server, "accept-empty", "acceptEmpty"), v => options.AcceptEmpty = Bool(v, options.AcceptEmpty));
        Set(stratus["Git:Uri"], git["uri"], v => options.Git.Uri = v);
        Set(stratus["Git:DefaultLabel"], Spring(git, "default-label", "defaultLabel"), v => options.Git.DefaultLabel = v);
        Set(stratus["Git:Username"], git["username"], v => options.Git.Username = v);
        Set(stratus["Git:Password"], git["password"], v => options.Git.Password = v);
        Set(stratus["Git:BaseDir"], git["basedir"], v => options.Git.BaseDir = v);
        Set(stratus["Git:ForcePull"], Spring(git, "force-pull", "forcePull"), v => options.Git.ForcePull = Bool(v, false));
        Set(stratus["Git:CloneOnStart"], Spring(git, "clone-on-start", "cloneOnStart"), v => options.Git.CloneOnStart = Bool(v, false));
        Set(stratus["Git:TryMasterBranch"], Spring(git, "try-master-branch", "tryMasterBranch"), v => options.Git.TryMasterBranch = Bool(v, true));
        Set(stratus["Git:RefreshRate"], Spring(git, "refresh-rate", "refreshRate"), v => options.Git.RefreshRate = Seconds(v, options.Git.RefreshRate));
        Set(stratus["Git:Timeout"], git["timeout"], v => options.Git.Timeout = Seconds(v, options.Git.Timeout));
        Set(stratus["Native:Version"], native["version"], v => options.Native.Version = v);
        Set(stratus["Native:AddLabelLocations"], Spring(native, "add-label-locations", "addLabelLocations"), v => options.Native.AddLabelLocations = Bool(v, true));
        Set(stratus["Encrypt:Enabled"], server["encrypt:enabled"], v => options.Encrypt.Enabled = Bool(v, true));
        Set(stratus["Encrypt:Key"], configuration["encrypt:key"] ?? configuration["ENCRYPT_KEY"], v => options.Encrypt.Key = v);
        Set(stratus["Encrypt:Salt"], configuration["encrypt:salt"], v => options.Encrypt.Salt = v);
        Set(stratus["Security:Username"], configuration["spring:security:user:name"], v => options.Security.Username = v);
        Set(stratus["Security:Password"], configuration["spring:security:user:password"], v => options.Security.Password = v);

        Replace(options.Git.SearchPaths, List(stratus.GetSection("Git:SearchPaths")), List(Spring(git, "search-paths", "searchPaths"), git));
        var locations = List(stratus.GetSection("Native:SearchLocations"));
        if (locations.Count == 0)
        {
            locations = List(Spring(native, "search-locations", "searchLocations"), native);
        }

        if (locations.Count == 0 && options.Git.Uri is null && options.Composite.Count == 0 && ActiveProfiles().Contains("native"))
        {
            locations = ["file:./", "file:./config/"];
        }

        Replace(options.Native.SearchLocations, locations, []);
    }

    private HashSet<string> ActiveProfiles() =>
        (configuration["spring:profiles:active"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static string? Spring(IConfigurationSection section, string kebab, string camel) => section[kebab] ?? section[camel];

    private static void Set(string? stratus, string? spring, Action<string> apply)
    {
        if (stratus is null && spring is not null)
        {
            apply(spring);
        }
    }

    private static bool Bool(string value, bool fallback) => bool.TryParse(value, out var parsed) ? parsed : fallback;

    /// <summary>Spring gives these in whole seconds; a TimeSpan text (<c>00:00:05</c>) is accepted too.</summary>
    private static TimeSpan Seconds(string value, TimeSpan fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : fallback;

    private static List<string> List(IConfigurationSection section)
    {
        var values = new List<string>();
        values.AddRange(Split(section.Value));
        foreach (var child in section.GetChildren())
        {
            values.AddRange(Split(child.Value));
        }

        return values;
    }

    private static List<string> List(string? single, IConfigurationSection parent)
    {
        var values = Split(single).ToList();
        if (values.Count == 0)
        {
            foreach (var name in (ReadOnlySpan<string>)["search-paths", "searchPaths", "search-locations", "searchLocations"])
            {
                foreach (var child in parent.GetSection(name).GetChildren())
                {
                    values.AddRange(Split(child.Value));
                }
            }
        }

        return values;
    }

    private static void Replace(IList<string> target, List<string> stratus, List<string> spring)
    {
        var chosen = stratus.Count > 0 ? stratus : spring;
        if (chosen.Count == 0)
        {
            return;
        }

        target.Clear();
        foreach (var value in chosen)
        {
            target.Add(value);
        }
    }

    private static string[] Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
