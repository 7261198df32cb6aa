using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tokens;

/// <summary>A token refused before or after the library's validation, with the description the 401 carries.</summary>
internal sealed class TokenRejectedException(string description) : SecurityTokenException(description);
