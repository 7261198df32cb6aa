using System.Collections.Immutable;

namespace Stratus.ConfigServer.Environment;

/// <summary>
/// The answer to <c>/{application}/{profiles}[/{label}]</c>: Spring's <c>Environment</c>, property sources highest
/// precedence first. Immutable; its serialized forms are computed once and reused by every request that gets it.
/// </summary>
internal sealed class ConfigEnvironment(
    string name,
    ImmutableArray<string> profiles,
    string? label,
    string? version,
    string? state,
    ImmutableArray<PropertySourceData> propertySources)
{
    private EnvironmentPayload? _v1;
    private EnvironmentPayload? _v2;

    public string Name { get; } = name;

    public ImmutableArray<string> Profiles { get; } = profiles;

    public string? Label { get; } = label;

    public string? Version { get; } = version;

    public string? State { get; } = state;

    public ImmutableArray<PropertySourceData> PropertySources { get; } = propertySources;

    public ConfigEnvironment WithSources(ImmutableArray<PropertySourceData> sources) => new(Name, Profiles, Label, Version, State, sources);

    /// <summary>The v1 JSON (plain values) or v2 JSON (values with origins), serialized on first use.</summary>
    public EnvironmentPayload Payload(bool includeOrigin) =>
        includeOrigin
            ? _v2 ??= EnvironmentJson.Write(this, includeOrigin: true)
            : _v1 ??= EnvironmentJson.Write(this, includeOrigin: false);
}
