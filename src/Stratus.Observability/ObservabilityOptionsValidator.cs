using Microsoft.Extensions.Options;

namespace Stratus.Observability;

/// <summary>Range checks of <see cref="ObservabilityOptions"/>, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>;
