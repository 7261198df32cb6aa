using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Stratus.Bench.Messaging;
using Stratus.Bench.Messaging.Brokers;
using Stratus.Bench.Messaging.Kafka;
using Stratus.Bench.Messaging.RabbitMQ;
using Stratus.Testing;

// Usage: Stratus.Bench.MessagingBench [--rounds=6] [--messages=10000] [--scenarios=rabbit-publish-w1,...]
//        [--variants=direct,stratus] [--count:<scenario>=N]
// Starts a private RabbitMQ node and librdkafka's mock cluster, then runs each scenario: one unrecorded warm-up of each
// side, then the rounds, direct first in odd rounds and Stratus first in even ones. Prints one JSON line per run on
// stdout (scenario, round, variant, messages, seconds, rate in messages/s, this process's CPU µs per message); progress on stderr.
var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
if (Positive("rounds", 6) is not { } rounds || Positive("messages", 10_000) is not { } messages)
{
    return 2;
}

var variants = (settings["variants"] ?? "direct,stratus").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
string[] all =
[
    "rabbit-publish-w1", "rabbit-publish-w64", "rabbit-consume-p1", "rabbit-consume-p64",
    "kafka-publish-w1", "kafka-publish-w64", "kafka-consume",
];
var selected = settings["scenarios"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? all;
if (selected.Except(all).ToArray() is { Length: > 0 } unknown)
{
    Console.Error.WriteLine($"Unknown scenarios: {string.Join(", ", unknown)}. Known: {string.Join(", ", all)}");
    return 2;
}

if (variants.Except(["direct", "stratus"]).ToArray() is { Length: > 0 } unknownVariants)
{
    Console.Error.WriteLine($"Unknown variants: {string.Join(", ", unknownVariants)}. Known: direct, stratus");
    return 2;
}

// A window of one waits for every confirm (RabbitMQ's fsync, librdkafka's 5 ms linger), so those runs use fewer messages.
var counts = new Dictionary<string, int>();
foreach (var name in selected)
{
    var fallback = name switch
    {
        "rabbit-publish-w1" => messages / 10,
        "kafka-publish-w1" => messages / 40,
        // A backlog must fit the mock cluster's 5 MB per partition, and librdkafka spreads unkeyed records unevenly.
        "kafka-consume" => messages * 3 / 4,
        _ => messages,
    };
    if (Positive($"count:{name}", Math.Max(fallback, 1)) is not { } count)
    {
        return 2;
    }

    counts[name] = count;
}

// The generic hosts the scenarios start take SIGTERM and SIGINT for themselves (ConsoleLifetime stops that host and
// cancels the signal), so a stop from the driver script would only end the current run. Exit instead; the RabbitMQ
// node is stopped on exit.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Environment.Exit(143));
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Environment.Exit(130));
var order = OrderPlaced.OneKilobyte();
Console.Error.WriteLine($"pid {Environment.ProcessId}; {rounds} rounds; scenarios {string.Join(", ", selected)}");
RabbitMqNode? node = null;
KafkaMockCluster? cluster = null;
try
{
    if (selected.Any(s => s.StartsWith("rabbit", StringComparison.Ordinal)))
    {
        node = await RabbitMqNode.StartAsync("stratus-bench");
        Console.Error.WriteLine($"RabbitMQ node pid {node.ProcessId} on 127.0.0.1:{node.Port}");
    }

    if (selected.Any(s => s.StartsWith("kafka", StringComparison.Ordinal)))
    {
        cluster = new KafkaMockCluster();
        Console.Error.WriteLine($"Kafka mock cluster at {cluster.BootstrapServers}");
    }

    foreach (var name in selected)
    {
        await using IScenario scenario = name switch
        {
            "rabbit-publish-w1" => await RabbitPublishScenario.CreateAsync(node!, 1, order),
            "rabbit-publish-w64" => await RabbitPublishScenario.CreateAsync(node!, 64, order),
            "rabbit-consume-p1" => await RabbitConsumeScenario.CreateAsync(node!, 1, order),
            "rabbit-consume-p64" => await RabbitConsumeScenario.CreateAsync(node!, 64, order),
            "kafka-publish-w1" => await KafkaPublishScenario.CreateAsync(cluster!, 1, order),
            "kafka-publish-w64" => await KafkaPublishScenario.CreateAsync(cluster!, 64, order),
            _ => await KafkaConsumeScenario.CreateAsync(cluster!, order),
        };
        var count = counts[name];
        foreach (var variant in variants)
        {
            // Long enough for tiered compilation to settle: shorter warm-ups left the first round a third slower.
            await RunAsync(scenario, variant, Math.Max(count / 4, 100), 0);
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var variant in round % 2 == 1 ? variants : variants.Reverse())
            {
                await RunAsync(scenario, variant, count, round);
            }
        }
    }
}
finally
{
    cluster?.Dispose();
    if (node is not null)
    {
        await node.DisposeAsync();
    }
}

return 0;

int? Positive(string key, int fallback)
{
    if (settings[key] is not { } text)
    {
        return fallback;
    }

    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
    {
        return value;
    }

    Console.Error.WriteLine($"--{key} must be a positive whole number, was '{text}'");
    return null;
}

static async Task RunAsync(IScenario scenario, string variant, int count, int round)
{
    // Collected between runs, so one side's garbage is not paid by the other.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var time = variant switch
    {
        "direct" => await scenario.RunDirectAsync(count),
        _ => await scenario.RunStratusAsync(count),
    };
    var rate = count / time.Elapsed.TotalSeconds;
    var cpuPerMessage = time.Cpu.TotalMicroseconds / count;
    Console.Error.WriteLine($"{scenario.Name} {(round == 0 ? "warm-up" : $"round {round}")} {variant}: {count} in {time.Elapsed.TotalSeconds:F2} s, {rate:F0} msg/s, {cpuPerMessage:F1} µs CPU/msg");
    if (round > 0)
    {
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["scenario"] = scenario.Name,
            ["round"] = round,
            ["variant"] = variant,
            ["messages"] = count,
            ["seconds"] = Math.Round(time.Elapsed.TotalSeconds, 4),
            ["rate"] = Math.Round(rate, 1),
            ["cpuMicrosPerMessage"] = Math.Round(cpuPerMessage, 2),
        }));
    }
}
