using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Stratus.Observability.Propagation;
using Stratus.Observability.Tests.Support;

namespace Stratus.Observability.Tests;

[Collection(GlobalTracingCollection.Name)]
public sealed class ObservabilityRegistrationTests
{
    [Fact]
    public void A_second_call_changes_nothing()
    {
        var builder = Builder(Environments.Production);
        builder.AddStratusObservability();
        var count = builder.Services.Count;

        builder.AddStratusObservability();

        Assert.Equal(count, builder.Services.Count);
    }

    [Theory]
    [InlineData("Production", null, "stratus-ecs")]
    [InlineData("Staging", null, "stratus-ecs")]
    [InlineData("Development", null, "simple")]
    [InlineData("Development", "ecs", "stratus-ecs")]
    [InlineData("Production", "TEXT", "simple")]
    public void Log_format_defaults_by_environment_and_follows_configuration(string environment, string? format, string formatter)
    {
        var builder = Builder(environment, ("Stratus:Observability:Logging:Format", format));
        builder.AddStratusObservability();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(formatter, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        Assert.Contains(services.GetServices<ConsoleFormatter>(), f => f.Name == formatter);
    }

    [Fact]
    public void Text_format_is_one_line_with_the_trace_id()
    {
        var builder = Builder(Environments.Development, ("Stratus:Observability:Tracing:Enabled", "false"));
        builder.AddStratusObservability();
        var lines = new List<string>();
        builder.Services.AddSingleton<ILoggerProvider>(sp => new FormatterLoggerProvider(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == "simple"), lines));
        using var services = builder.Services.BuildServiceProvider();
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var logger = services.GetRequiredService<ILogger<ObservabilityRegistrationTests>>();
        TestLog.ACallsB(logger);

        var line = Assert.Single(lines);
        Assert.DoesNotContain('\n', line);
        Assert.Contains($"TraceId:{activity.TraceId.ToHexString()}", line, StringComparison.Ordinal);
        Assert.Contains("A calls B", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_logging_providers_stay()
    {
        var builder = Builder(Environments.Production);
        builder.Logging.AddProvider(NullLoggerProvider.Instance);

        builder.AddStratusObservability();
        using var services = builder.Services.BuildServiceProvider();

        var providers = services.GetServices<ILoggerProvider>().ToList();
        Assert.Contains(providers, p => p is NullLoggerProvider);
        Assert.Contains(providers, p => p is ConsoleLoggerProvider);
    }

    [Fact]
    public void Hosting_and_HttpClient_use_the_W3C_and_B3_propagator()
    {
        var builder = Builder(Environments.Production, ("Stratus:Observability:Tracing:Propagation:Inject", "b3"));
        builder.AddStratusObservability();
        using var services = builder.Services.BuildServiceProvider();

        var propagator = Assert.IsType<TraceHeaderPropagator>(services.GetRequiredService<DistributedContextPropagator>());
        Assert.Same(propagator, DistributedContextPropagator.Current);
        Assert.Equal(InjectFormats.B3Single, propagator.Formats);
    }

    [Fact]
    public async Task Invalid_settings_stop_startup_naming_every_key()
    {
        var builder = Builder(
            Environments.Production,
            ("Stratus:Observability:Tracing:Enabled", "false"),
            ("Stratus:Observability:Tracing:SamplingProbability", "1.5"),
            ("Stratus:Observability:Tracing:MaxQueueSize", "0"),
            ("Stratus:Observability:Tracing:Otlp:Protocol", "carrier-pigeon"),
            ("Stratus:Observability:Tracing:Propagation:Inject", "w3c,jaeger"),
            ("Stratus:Observability:Tracing:Zipkin:Endpoint", "ftp://user:secret@zipkin/api/v2/spans"),
            ("Stratus:Observability:Logging:Format", "xml"));
        builder.AddStratusObservability();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var message = string.Join('\n', error.Failures);
        Assert.Contains("SamplingProbability", message, StringComparison.Ordinal);
        Assert.Contains("MaxQueueSize", message, StringComparison.Ordinal);
        Assert.Contains("Stratus:Observability:Tracing:Otlp:Protocol is 'carrier-pigeon'", message, StringComparison.Ordinal);
        Assert.Contains("'jaeger'", message, StringComparison.Ordinal);
        Assert.Contains("Stratus:Observability:Tracing:Zipkin:Endpoint has scheme 'ftp'", message, StringComparison.Ordinal);
        Assert.Contains("Stratus:Observability:Logging:Format is 'xml'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Builder(string environment, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, ApplicationName = "registration-test" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }
}
