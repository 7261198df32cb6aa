using Microsoft.Extensions.Configuration;

namespace Stratus.Cli.Roles;

/// <summary>
/// <c>stratus dev</c>'s own keys (<c>Stratus:Dev:...</c>): where each part listens, which folder the config server serves,
/// and whether the auth server runs. Every part's usual keys still apply to it.
/// </summary>
internal sealed class DevSettings
{
    public const string Section = "Stratus:Dev";

    public const string ConfigRepoKey = Section + ":ConfigRepo";

    public const string EnableAuthServerKey = Section + ":EnableAuthServer";

    public const string DefaultConfigRepo = "config-repo";

    private DevSettings(Uri registry, Uri configServer, Uri gateway, Uri authServer, string configRepo, bool authServerEnabled)
    {
        RegistryUrl = registry;
        ConfigServerUrl = configServer;
        GatewayUrl = gateway;
        AuthServerUrl = authServer;
        ConfigRepo = configRepo;
        AuthServerEnabled = authServerEnabled;
    }

    /// <summary><c>Stratus:Dev:RegistryUrl</c>, default <c>http://127.0.0.1:8761</c>.</summary>
    public Uri RegistryUrl { get; }

    /// <summary><c>Stratus:Dev:ConfigServerUrl</c>, default <c>http://127.0.0.1:8888</c>.</summary>
    public Uri ConfigServerUrl { get; }

    /// <summary><c>Stratus:Dev:GatewayUrl</c>, default <c>http://127.0.0.1:8080</c>.</summary>
    public Uri GatewayUrl { get; }

    /// <summary><c>Stratus:Dev:AuthServerUrl</c>, default <c>http://127.0.0.1:9000</c>.</summary>
    public Uri AuthServerUrl { get; }

    /// <summary><c>Stratus:Dev:ConfigRepo</c> as a full path; default <c>config-repo</c> under the working directory.</summary>
    public string ConfigRepo { get; }

    /// <summary><c>Stratus:Dev:EnableAuthServer</c>, default <see langword="true"/>.</summary>
    public bool AuthServerEnabled { get; }

    /// <summary>
    /// What the parts read too: <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables and the
    /// command line, in rising precedence.
    /// </summary>
    public static IConfiguration LoadConfiguration(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
    }

    /// <summary>Reads and checks the keys; every problem is named with its key and value.</summary>
    public static (DevSettings? Settings, List<string> Errors) Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var registry = Url(configuration, "RegistryUrl", RegistryRole.DefaultUrl, errors);
        var configServer = Url(configuration, "ConfigServerUrl", ConfigServerRole.DefaultUrl, errors);
        var gateway = Url(configuration, "GatewayUrl", GatewayRole.DefaultUrl, errors);
        var authServer = Url(configuration, "AuthServerUrl", AuthServerRole.DefaultUrl, errors);
        var enableAuth = true;
        if (configuration[EnableAuthServerKey] is { Length: > 0 } flag && !bool.TryParse(flag, out enableAuth))
        {
            errors.Add($"{EnableAuthServerKey} must be true or false, not '{flag}'.");
        }

        var repo = configuration[ConfigRepoKey];
        var configRepo = Path.GetFullPath(string.IsNullOrWhiteSpace(repo) ? DefaultConfigRepo : repo);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var settings = new DevSettings(registry!, configServer!, gateway!, authServer!, configRepo, enableAuth);
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, url) in settings.Urls())
        {
            // Port 0 asks the system for a free port, so two parts may both say it.
            if (url.Port != 0 && !seen.TryAdd(url.Authority, key))
            {
                errors.Add($"{Section}:{key} and {Section}:{seen[url.Authority]} both name {url.Authority}; give each part its own port.");
            }
        }

        return errors.Count > 0 ? (null, errors) : (settings, errors);
    }

    private IEnumerable<(string Key, Uri Url)> Urls()
    {
        yield return ("RegistryUrl", RegistryUrl);
        yield return ("ConfigServerUrl", ConfigServerUrl);
        yield return ("GatewayUrl", GatewayUrl);
        if (AuthServerEnabled)
        {
            yield return ("AuthServerUrl", AuthServerUrl);
        }
    }

    private static Uri? Url(IConfiguration configuration, string name, string fallback, List<string> errors)
    {
        var value = configuration[$"{Section}:{name}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(fallback);
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.AbsolutePath == "/"
            && string.IsNullOrEmpty(url.Query))
        {
            return url;
        }

        errors.Add($"{Section}:{name} must be an http:// or https:// URL with a host and port and no path (like {fallback}), not '{value}'.");
        return null;
    }
}
