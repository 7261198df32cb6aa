using System.Reflection;
using Microsoft.Extensions.Logging;
using Stratus.Security.Keys;

namespace Stratus.Security.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Log_event_ids_and_names_are_unique_and_in_the_security_block()
    {
        var events = typeof(SigningKeySource).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        Assert.True(events.Count >= 5, $"found {events.Count} log methods");
        Assert.All(events, e => Assert.InRange(e.EventId, 3100, 3199));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => e.EventName).Distinct().Count());
    }
}
