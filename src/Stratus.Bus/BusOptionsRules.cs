using Microsoft.Extensions.Options;

namespace Stratus.Bus;

/// <summary>Checks the bus settings and names the full key and bad value of each problem.</summary>
internal sealed class BusOptionsRules : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var problems = new List<string>();
        if (options.Id is { } id && (string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl) || id.Length > 256))
        {
            problems.Add($"{BusOptions.SectionName}:Id must be 1 to 256 characters without control characters, was '{id}'");
        }

        if (string.IsNullOrWhiteSpace(options.Destination) || options.Destination.Any(char.IsControl))
        {
            problems.Add($"{BusOptions.SectionName}:Destination must be a destination name, was '{options.Destination}'");
        }

        if (options.Binder is { } binder && !string.Equals(binder, "RabbitMQ", StringComparison.OrdinalIgnoreCase) && !string.Equals(binder, "Kafka", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{BusOptions.SectionName}:Binder must be RabbitMQ or Kafka, was '{binder}'");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
