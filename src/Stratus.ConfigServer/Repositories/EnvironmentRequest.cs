namespace Stratus.ConfigServer.Repositories;

/// <summary>A validated request: application names and profiles split on commas, the label with <c>(_)</c> turned into <c>/</c>, or null for the default.</summary>
internal sealed record EnvironmentRequest(string Application, IReadOnlyList<string> Applications, string Profile, IReadOnlyList<string> Profiles, string? Label);
