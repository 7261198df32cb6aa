using System.Reflection;
using Microsoft.Extensions.Logging;
using Stratus.Observability.Tracing;

namespace Stratus.Observability.Tests.Tracing;

public sealed class LogEventIdTests
{
    [Fact]
    public void Log_event_ids_and_names_are_unique_and_in_the_tracing_block()
    {
        var events = typeof(BoundedExportProcessor.Log)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.InRange(e.EventId, 100, 199));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => e.EventName).Distinct().Count());
    }
}
