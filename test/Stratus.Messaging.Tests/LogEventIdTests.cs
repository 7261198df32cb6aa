using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Event_ids_are_unique_and_in_the_messaging_block()
    {
        var ids = new[] { typeof(MessagingOptions).Assembly, typeof(global::Stratus.Messaging.RabbitMQ.RabbitMqBinderOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 2000, 2199));
    }
}
