using System.Collections.Immutable;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// One document of a configuration file (a YAML document, or a <c>.properties</c> section between
/// <c>#---</c> separators), with its properties in file order and its activation conditions.
/// </summary>
/// <param name="Properties">Flattened properties in file order; a repeated key keeps its first position and last value.</param>
/// <param name="OnProfile">The value of <c>spring.config.activate.on-profile</c>, or null when the document always applies.</param>
/// <param name="OnCloudPlatform">True when the document sets <c>spring.config.activate.on-cloud-platform</c> (never active on a config server).</param>
internal sealed record ConfigDocument(ImmutableArray<FlatProperty> Properties, string? OnProfile, bool OnCloudPlatform);
