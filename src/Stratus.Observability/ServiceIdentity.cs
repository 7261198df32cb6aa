using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Stratus.Observability;

/// <summary>Who this process is in spans, metrics and logs: the resource's <c>service.name</c> and <c>service.instance.id</c>.</summary>
internal sealed record ServiceIdentity(string ServiceName, string InstanceId)
{
    /// <summary>
    /// Resolves the name and instance id with the precedence of the docs: our own keys, then Spring's application name and the
    /// discovery client's, so a service registered in Eureka shows up in traces under the same name.
    /// </summary>
    public static ServiceIdentity Resolve(IConfiguration configuration, string applicationName)
    {
        var name = FirstNonBlank(
            configuration[$"{ObservabilityOptions.SectionName}:ServiceName"],
            configuration["spring:application:name"],
            configuration["Stratus:Discovery:AppName"],
            applicationName) ?? "unknown_service";
        var instance = FirstNonBlank(
            configuration[$"{ObservabilityOptions.SectionName}:InstanceId"],
            configuration["Stratus:Discovery:InstanceId"])
            ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{name}:{Environment.ProcessId}");
        return new ServiceIdentity(name, instance);
    }

    private static string? FirstNonBlank(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
