using Microsoft.Extensions.Configuration;
using Stratus.Bus;

namespace Stratus.Hosting;

/// <summary>
/// Which parts <c>AddStratus()</c> turns on, decided once from configuration: the config client when a config server
/// is configured (Stratus or Spring keys, or Spring's <c>spring.config.import=configserver:</c>), discovery when a
/// registry is configured, Spring Cloud Bus when <c>Stratus:Bus:Enabled</c> is true (on the binder configured), bearer
/// JWT validation when <c>Stratus:Security:ResourceServer</c> names an issuer (<c>Issuer</c>, <c>Authority</c>,
/// <c>JwksUri</c> or <c>IssuerServiceId</c>), and the switches under <c>Stratus:Hosting</c>.
/// </summary>
internal sealed record StratusParts(bool ConfigClient, bool Discovery, bool LoadBalanceAllClients, bool MapEndpoints, BusBinderKind? Bus = null, bool ResourceServer = false)
{
    public const string SectionName = "Stratus:Hosting";

    public static StratusParts From(IConfiguration configuration)
    {
        var hosting = configuration.GetSection(SectionName);
        return new StratusParts(
            ConfigClient: Switch(configuration["Stratus:Config:Enabled"]) ?? ConfigServerConfigured(configuration),
            Discovery: Switch(configuration["Stratus:Discovery:Enabled"]) ?? RegistryConfigured(configuration),
            LoadBalanceAllClients: Switch(hosting["LoadBalanceAllHttpClients"]) ?? true,
            MapEndpoints: Switch(hosting["MapEndpoints"]) ?? true,
            Bus: BusBinderChoice.From(configuration),
            ResourceServer: ResourceServerConfigured(configuration));
    }

    private static readonly string[] IssuerKeys = ["Issuer", "Authority", "JwksUri", "IssuerServiceId"];

    private static bool ResourceServerConfigured(IConfiguration configuration) =>
        IssuerKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[$"Stratus:Security:ResourceServer:{key}"]));

    private static bool ConfigServerConfigured(IConfiguration configuration) =>
        HasValues(configuration.GetSection("Stratus:Config"))
        || HasValues(configuration.GetSection("spring:cloud:config"))
        || configuration["spring:config:import"]?.Contains("configserver:", StringComparison.OrdinalIgnoreCase) == true;

    private static bool RegistryConfigured(IConfiguration configuration) =>
        HasValues(configuration.GetSection("Stratus:Discovery"))
        || HasValues(configuration.GetSection("eureka:client"))
        || HasValues(configuration.GetSection("eureka:instance"));

    private static bool HasValues(IConfigurationSection section) =>
        section.Value is not null || section.GetChildren().Any();

    private static bool? Switch(string? value) => bool.TryParse(value, out var on) ? on : null;
}
