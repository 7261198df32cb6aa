namespace Stratus.Security.Tokens;

/// <summary>Marks an authentication scheme as a Stratus bearer scheme, so <see cref="JwtBearerSetup"/> configures it.</summary>
internal sealed record StratusSchemeName(string Name);
