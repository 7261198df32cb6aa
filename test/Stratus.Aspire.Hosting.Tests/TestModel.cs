using Microsoft.Extensions.Logging.Abstractions;

namespace Stratus.Aspire.Hosting.Tests;

/// <summary>An application model without DCP: resources are built, endpoints allocated by hand, values evaluated.</summary>
internal static class TestModel
{
    public static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });

    /// <summary>The arguments and environment DCP would be given, evaluated through Aspire's execution configuration.</summary>
    public static async Task<(string[] Arguments, IReadOnlyDictionary<string, string> Environment)> EvaluateAsync(IResource resource)
    {
        var context = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
        var result = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(context, NullLogger.Instance, TestContext.Current.CancellationToken);
        if (result.Exception is { } exception)
        {
            throw exception;
        }

        return ([.. result.Arguments.Select(a => a.Value)], result.EnvironmentVariables.ToDictionary(e => e.Key, e => e.Value));
    }

    /// <summary>Does what DCP does at start: the proxy's port and the port the process listens on.</summary>
    public static void Allocate(IResourceWithEndpoints resource, int port, int targetPort)
    {
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.TargetPort ??= targetPort;
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port);
        }
    }
}
