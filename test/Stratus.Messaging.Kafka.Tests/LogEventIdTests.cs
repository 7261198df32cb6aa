using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.Kafka.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Event_ids_are_unique_across_messaging_and_kafka_has_its_own_block()
    {
        static List<int> Ids(Assembly assembly) => assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        var kafka = Ids(typeof(KafkaBinderOptions).Assembly);
        var all = kafka.Concat(Ids(typeof(MessagingOptions).Assembly)).ToList();

        Assert.NotEmpty(kafka);
        Assert.All(kafka, id => Assert.InRange(id, 2150, 2199));
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
