using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Security.AuthServer;

namespace Stratus.Cli.Roles;

/// <summary>
/// What <c>stratus dev</c> tells a person once every part listens: one line per part with its URL, and what to try.
/// Written to standard error, so standard output stays the parts' JSON log lines.
/// </summary>
internal static class DevBanner
{
    public static string Text(IReadOnlyList<DevPart> parts, DevConfigRepository repository)
    {
        var text = new StringBuilder();
        text.AppendLine("stratus dev: ready");
        foreach (var part in parts)
        {
            text.Append("  ").Append(part.Name.PadRight(14)).Append(Address(part).PadRight(25)).Append(' ').AppendLine(Note(part, repository));
        }

        var gateway = Address(parts.First(p => p.Name == GatewayRole.Name));
        var registry = Address(parts.First(p => p.Name == RegistryRole.Name));
        var configServer = Address(parts.First(p => p.Name == ConfigServerRole.Name));
        text.AppendLine("try this:")
            .AppendLine($"  run a service with --Stratus:Discovery:ServiceUrl={registry}/eureka/ --Stratus:Config:Uri={configServer}")
            .AppendLine($"  curl {gateway}/<service-id>/actuator/health      (a route per registered service, lower-case id)")
            .AppendLine($"  curl {configServer}/application/default          (what the config server serves)");
        if (parts.FirstOrDefault(p => p.Name == AuthServerRole.Name) is { } auth && DemoEnabled(auth))
        {
            text.AppendLine($"  curl -u demo-client:demo-secret -d grant_type=client_credentials -d scope=licenses.read {Address(auth)}/connect/token");
        }

        return text.ToString();
    }

    private static string Note(DevPart part, DevConfigRepository repository) => part.Name switch
    {
        RegistryRole.Name => "dashboard /, Eureka API /eureka/",
        ConfigServerRole.Name => "serving " + repository.Description,
        GatewayRole.Name => "discovery locator: /<service-id>/** -> lb://<service-id>",
        AuthServerRole.Name => DemoEnabled(part) ? "demo client demo-client/demo-secret, user demo/demo" : "demo set off",
        _ => string.Empty,
    };

    /// <summary>The address the part bound (the first one), or its configured URL.</summary>
    private static string Address(DevPart part) =>
        part.App?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? part.Url.GetLeftPart(UriPartial.Authority);

    private static bool DemoEnabled(DevPart part) =>
        part.App is { } app && (app.Services.GetRequiredService<IOptions<AuthServerOptions>>().Value.EnableDemo ?? app.Environment.IsDevelopment());
}
