using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Bus;
using Stratus.Bus.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps Spring Cloud Bus's actuator endpoints. <c>builder.AddStratus()</c> maps them for you when they are exposed
/// (<c>Stratus:Management:Exposure:Include</c> naming <c>busrefresh</c>, <c>busenv</c>, <c>busshutdown</c>), answering
/// loopback or authorised callers only; mapped by hand, add <c>.RequireAuthorization()</c> when the application listens
/// beyond loopback.
/// </summary>
public static class BusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /actuator/busrefresh[/{destination}]</c>: publishes a refresh event to every service, or to those the
    /// destination matches (remaining path segments joined with <c>:</c>, so <c>/busrefresh/customers</c> reaches
    /// <c>customers:**</c>). 204 when the broker confirmed it; 503 with a message when not.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route. Default <c>/actuator/busrefresh</c>.</param>
    /// <returns>The endpoint's builder, for authorisation and metadata.</returns>
    public static IEndpointConventionBuilder MapStratusBusRefresh(this IEndpointRouteBuilder endpoints, string pattern = "/actuator/busrefresh") =>
        Map(endpoints, pattern, "busrefresh", BusEndpoints.RefreshAsync);

    /// <summary>
    /// <c>POST /actuator/busenv[/{destination}]</c> with the JSON body <c>{"name":"key","value":"value"}</c>: publishes an
    /// environment change setting that one value. 204 when published; 400 with a message for a body that is not such
    /// an object (a missing <c>name</c> or <c>value</c>, not JSON), 413 over 64 KiB, 503 when the broker did not confirm.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route. Default <c>/actuator/busenv</c>.</param>
    /// <returns>The endpoint's builder, for authorisation and metadata.</returns>
    public static IEndpointConventionBuilder MapStratusBusEnv(this IEndpointRouteBuilder endpoints, string pattern = "/actuator/busenv") =>
        Map(endpoints, pattern, "busenv", BusEndpoints.EnvAsync);

    /// <summary>
    /// <c>POST /actuator/busshutdown[/{destination}]</c>: publishes a shutdown event. Services stop on it only where
    /// <c>Stratus:Bus:Shutdown:Enabled</c> is true (Spring services by default). 204 when published; 503 when not.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route. Default <c>/actuator/busshutdown</c>.</param>
    /// <returns>The endpoint's builder, for authorisation and metadata.</returns>
    public static IEndpointConventionBuilder MapStratusBusShutdown(this IEndpointRouteBuilder endpoints, string pattern = "/actuator/busshutdown") =>
        Map(endpoints, pattern, "busshutdown", BusEndpoints.ShutdownAsync);

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, string id, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<IBusPublisher>() is null)
        {
            throw new InvalidOperationException($"Call builder.AddStratusBus() before mapping the {id} endpoint.");
        }

        // A catch-all parameter is optional, so the bare path matches too.
        return endpoints.MapPost(pattern.TrimEnd('/') + "/{**destination}", handler).WithDisplayName($"Actuator web endpoint '{id}'");
    }
}
