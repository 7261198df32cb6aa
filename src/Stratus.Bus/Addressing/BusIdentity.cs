using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Bus.Addressing;

/// <summary>
/// This instance's bus id and matcher, fixed at first use. The default id follows Spring's <c>IdUtils</c> template
/// (<c>BusEnvironmentPostProcessor</c> sets it): <c>{name}[:{profiles}]:{index or port}:{random}</c>. The port is the one
/// the server listens on once it does (so the id is first used after start in practice), else the one in
/// <c>urls</c>, else 8080 as in Spring.
/// </summary>
internal sealed class BusIdentity
{
    private readonly Lazy<ServiceMatcher> _matcher;

    public BusIdentity(IOptions<BusOptions> options, IConfiguration configuration, IHostEnvironment environment, IServer? server = null) =>
        _matcher = new Lazy<ServiceMatcher>(() =>
        {
            var id = options.Value.Id ?? DefaultId(configuration, environment.ApplicationName, ServerPort(server), RandomNumberGenerator.GetHexString(32, lowercase: true));
            return new ServiceMatcher(id, ConfigNames(configuration));
        });

    public string Id => Matcher.BusId;

    public ServiceMatcher Matcher => _matcher.Value;

    public static string DefaultId(IConfiguration configuration, string hostApplication, int? serverPort, string random)
    {
        var name = Spring(configuration, "spring.application.name") is { Length: > 0 } configured ? configured : hostApplication;
        var index = Spring(configuration, "spring.application.index")
            ?? (serverPort ?? UrlsPort(configuration["urls"]) ?? 8080).ToString(CultureInfo.InvariantCulture);
        return Spring(configuration, "spring.profiles.active") is { Length: > 0 } profiles
            ? $"{name}:{profiles}:{index}:{random}"
            : $"{name}:{index}:{random}";
    }

    /// <summary>Spring's <c>spring.cloud.config.name</c> (a comma list); <c>Stratus:Config:Name</c> first.</summary>
    public static IReadOnlyList<string> ConfigNames(IConfiguration configuration) =>
        (configuration["Stratus:Config:Name"] ?? Spring(configuration, "spring.cloud.config.name") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int? ServerPort(IServer? server)
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is null ? null : UrlsPort(string.Join(';', addresses));
    }

    /// <summary>The first non-zero port in a <c>;</c>-separated URL list such as <c>http://+:5000;https://[::]:5001</c>.</summary>
    public static int? UrlsPort(string? urls)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            authority = authority.Split('/')[0];
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && colon > authority.LastIndexOf(']') && int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            {
                return port;
            }
        }

        return null;
    }

    private static string? Spring(IConfiguration configuration, string dotted) =>
        configuration[dotted.Replace('.', ':')] ?? configuration[dotted];
}
