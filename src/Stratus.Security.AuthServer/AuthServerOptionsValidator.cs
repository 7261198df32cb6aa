using Microsoft.Extensions.Options;

namespace Stratus.Security.AuthServer;

/// <summary>Checks required fields and ranges of <see cref="AuthServerOptions"/> at compile-time generated cost.</summary>
[OptionsValidator]
internal sealed partial class AuthServerOptionsValidator : IValidateOptions<AuthServerOptions>
{
}
