using Stratus.Security.Keys;

namespace Stratus.Security.Tokens;

/// <summary>What one Stratus bearer scheme keeps between requests: its keys and the tokens that passed.</summary>
internal sealed record JwtSchemeState(ResourceServerOptions Options, SigningKeySource Keys, ValidatedTokenCache Cache);
