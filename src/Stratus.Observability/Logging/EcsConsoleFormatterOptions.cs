using Microsoft.Extensions.Logging.Console;

namespace Stratus.Observability.Logging;

/// <summary>Options of <see cref="EcsConsoleFormatter"/>; the service fields come from the resolved service identity.</summary>
internal sealed class EcsConsoleFormatterOptions : ConsoleFormatterOptions
{
    public string? ServiceName { get; set; }

    public string? ServiceNodeName { get; set; }
}
