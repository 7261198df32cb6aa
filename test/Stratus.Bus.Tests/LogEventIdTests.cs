using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Stratus.Bus.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Event_ids_are_unique_named_and_in_the_bus_block()
    {
        var messages = typeof(BusOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        Assert.NotEmpty(messages);
        Assert.Equal(messages.Count, messages.Select(m => m.EventId).Distinct().Count());
        Assert.All(messages, m => Assert.InRange(m.EventId, 2200, 2299));
        Assert.All(messages, m => Assert.StartsWith("Bus", m.EventName, StringComparison.Ordinal));
    }
}
