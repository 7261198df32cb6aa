using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Management.Logging;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Logging;

public sealed class LoggersTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Stratus:Management:Exposure:Include:0"] = "loggers",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orders.Payments"] = "Warning",
        // A provider-specific rule: it beats every rule without a provider, so a runtime level must override it too.
        ["Logging:Stratus.Management.Tests.Support.ManagementHost+ListLoggerProvider:LogLevel:Orders"] = "Error",
    };

    [Fact]
    public async Task Get_lists_root_configured_and_created_categories_with_parents()
    {
        await using var host = await ManagementHost.StartAsync(Settings);
        host.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders.Checkout.Cart");

        var body = await host.GetStringAsync("actuator/loggers");

        // The framework's own categories vary by version; keep ROOT and ours.
        var json = JsonNode.Parse(body)!.AsObject();
        var loggers = json["loggers"]!.AsObject();
        foreach (var name in loggers.Select(l => l.Key).Where(k => k != "ROOT" && !k.StartsWith("Orders", StringComparison.Ordinal)).ToList())
        {
            loggers.Remove(name);
        }

        Assert.True(body.Length > json.ToJsonString().Length, "the framework's categories are listed too");
        Golden.Match("loggers", json.ToJsonString());
    }

    [Fact]
    public async Task Post_changes_what_existing_loggers_write_and_null_resets()
    {
        await using var host = await ManagementHost.StartAsync(Settings);
        var logger = host.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders.Checkout");

        Write(logger, LogLevel.Debug, "before");
        using (var set = await host.PostJsonAsync("actuator/loggers/Orders.Checkout", "{\"configuredLevel\":\"DEBUG\"}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        Write(logger, LogLevel.Debug, "during");
        Write(logger, LogLevel.Trace, "trace during");
        var during = await host.GetStringAsync("actuator/loggers/Orders.Checkout");
        using (var reset = await host.PostJsonAsync("actuator/loggers/Orders.Checkout", "{\"configuredLevel\":null}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Write(logger, LogLevel.Debug, "after");
        Write(logger, LogLevel.Warning, "warning after");
        Write(logger, LogLevel.Error, "error after");

        Assert.Equal("{\"configuredLevel\":\"DEBUG\",\"effectiveLevel\":\"DEBUG\"}", during);
        Assert.Equal("{\"effectiveLevel\":\"INFO\"}", await host.GetStringAsync("actuator/loggers/Orders.Checkout"));
        var ours = host.LogsSnapshot().Where(l => l.StartsWith("Orders.Checkout ", StringComparison.Ordinal)).ToList();
        // Debug shows only while set; after the reset the provider-specific "Orders: Error" rule applies again.
        Assert.Equal(["Orders.Checkout Debug during", "Orders.Checkout Error error after"], ours);
    }

    [Fact]
    public async Task Root_can_be_read_and_set()
    {
        await using var host = await ManagementHost.StartAsync(Settings);

        using var set = await host.PostJsonAsync("actuator/loggers/ROOT", "{\"configuredLevel\":\"warn\"}");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("{\"configuredLevel\":\"WARN\",\"effectiveLevel\":\"WARN\"}", await host.GetStringAsync("actuator/loggers/ROOT"));
        Assert.Equal("{\"effectiveLevel\":\"WARN\"}", await host.GetStringAsync("actuator/loggers/Some.Other"));
        Assert.Equal("{\"configuredLevel\":\"WARN\",\"effectiveLevel\":\"WARN\"}", await host.GetStringAsync("actuator/loggers/Orders.Payments"));
    }

    [Theory]
    [InlineData("Orders.Checkout", "{\"configuredLevel\":\"LOUD\"}", "'configuredLevel' must be null or one of")]
    [InlineData("Orders.Checkout", "{\"configuredLevel\":3}", "'configuredLevel' must be null or one of")]
    [InlineData("Orders.Checkout", "{\"configuredLevel\":\"DEBUG\"", "not valid JSON")]
    [InlineData("Orders.Checkout", "[\"DEBUG\"]", "JSON object with a 'configuredLevel'")]
    [InlineData("Orders.Checkout", "{}", "JSON object with a 'configuredLevel'")]
    [InlineData("Orders.Checkout", "{\"configuredLevel\":\"DEBUG\",\"pad\":\"PAD\"}", "at most 1024 bytes")]
    [InlineData("Orders%0ACheckout", "{\"configuredLevel\":\"DEBUG\"}", "logger name must be")]
    [InlineData("Orders.*", "{\"configuredLevel\":\"DEBUG\"}", "logger name must be")]
    [InlineData("LONG", "{\"configuredLevel\":\"DEBUG\"}", "logger name must be")]
    public async Task Bad_input_is_400_and_changes_nothing(string name, string body, string problem)
    {
        await using var host = await ManagementHost.StartAsync(Settings);
        name = name == "LONG" ? new string('a', 257) : name;
        body = body.Replace("PAD", new string('x', 1100), StringComparison.Ordinal);
        var before = await host.GetStringAsync("actuator/loggers/Orders.Checkout");

        using var response = await host.PostJsonAsync("actuator/loggers/" + name, body);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, JsonDocument.Parse(answer).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.App.Services.GetRequiredService<LoggerLevelOverrides>().Levels);
        Assert.Equal(before, await host.GetStringAsync("actuator/loggers/Orders.Checkout"));
    }

    private static void Write(ILogger logger, LogLevel level, string message) => logger.Log(level, default, message, null, (state, _) => state);
}
