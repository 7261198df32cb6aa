using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Config;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the config client's refresh endpoint.</summary>
public static class ConfigRefreshEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /actuator/refresh</c>, Spring's: fetches from the config server now and answers the JSON array of the keys
    /// that changed (<c>[]</c> when none did). When no server answers: 503 with a message, and every value stays.
    /// Add <c>.RequireAuthorization()</c> when the application listens beyond loopback.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route. Default <c>/actuator/refresh</c>.</param>
    /// <returns>The endpoint's builder, for authorisation and metadata.</returns>
    public static IEndpointConventionBuilder MapStratusConfigRefresh(this IEndpointRouteBuilder endpoints, string pattern = "/actuator/refresh")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, RefreshAsync);
    }

    private static async Task RefreshAsync(HttpContext context)
    {
        var refresher = context.RequestServices.GetRequiredService<ConfigRefresher>();
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            try
            {
                var changed = await refresher.RefreshAsync(context.RequestAborted).ConfigureAwait(false);
                json.WriteStartArray();
                foreach (var key in changed)
                {
                    json.WriteStringValue(key);
                }

                json.WriteEndArray();
            }
            catch (ConfigServerUnavailableException e)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                json.WriteStartObject();
                json.WriteNumber("status", 503);
                json.WriteString("error", "Service Unavailable");
                json.WriteString("message", e.Message);
                json.WriteString("path", context.Request.Path.Value);
                json.WriteEndObject();
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
