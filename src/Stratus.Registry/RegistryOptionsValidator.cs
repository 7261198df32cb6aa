using Microsoft.Extensions.Options;

namespace Stratus.Registry;

/// <summary>Checks ranges of <see cref="RegistryOptions"/> at compile-time generated cost.</summary>
[OptionsValidator]
internal sealed partial class RegistryOptionsValidator : IValidateOptions<RegistryOptions>
{
}
