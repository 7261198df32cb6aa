using Microsoft.Extensions.Options;
using Stratus.Observability.Logging;
using Stratus.Observability.Propagation;

namespace Stratus.Observability;

/// <summary>Checks the values that are words, naming every bad key and value.</summary>
internal sealed class ObservabilityOptionsRules : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var errors = new List<string>();
        var section = ObservabilityOptions.SectionName;
        CheckProtocol(errors, $"{section}:Tracing:Otlp:Protocol", options.Tracing.Otlp.Protocol);
        CheckProtocol(errors, $"{section}:Metrics:Otlp:Protocol", options.Metrics.Otlp.Protocol);
        if (!InjectFormatsParser.TryParse(options.Tracing.Propagation.Inject, out _, out var bad))
        {
            errors.Add($"{section}:Tracing:Propagation:Inject has '{bad}'; use w3c, b3multi or b3.");
        }

        if (options.Logging.Format is { } format && !LogFormat.IsKnown(format))
        {
            errors.Add($"{section}:Logging:Format is '{format}'; use ecs or text.");
        }

        CheckDuration(errors, $"{section}:Tracing:ExportDelay", options.Tracing.ExportDelay, TimeSpan.FromHours(1));
        CheckDuration(errors, $"{section}:Tracing:Zipkin:Timeout", options.Tracing.Zipkin.Timeout, TimeSpan.FromMinutes(10));
        CheckEndpoint(errors, $"{section}:Tracing:Zipkin:Endpoint", options.Tracing.Zipkin.Endpoint);
        CheckEndpoint(errors, $"{section}:Tracing:Otlp:Endpoint", options.Tracing.Otlp.Endpoint);
        CheckEndpoint(errors, $"{section}:Metrics:Otlp:Endpoint", options.Metrics.Otlp.Endpoint);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckProtocol(List<string> errors, string key, string protocol)
    {
        if (OtlpProtocols.Parse(protocol) is null)
        {
            errors.Add($"{key} is '{protocol}'; use grpc or http/protobuf.");
        }
    }

    private static void CheckDuration(List<string> errors, string key, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.FromMilliseconds(1) || value > max)
        {
            errors.Add($"{key} is {value}; use a duration from 00:00:00.001 to {max}.");
        }
    }

    private static void CheckEndpoint(List<string> errors, string key, Uri? endpoint)
    {
        // The value is not echoed whole: an address may carry credentials.
        if (endpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{key} is a relative address; use an absolute http or https address.");
        }
        else if (endpoint is not null && endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{key} has scheme '{endpoint.Scheme}'; use http or https.");
        }
    }
}
