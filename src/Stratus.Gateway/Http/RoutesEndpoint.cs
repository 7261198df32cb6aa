using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Http;

/// <summary>
/// <c>GET /actuator/gateway/routes</c> and <c>/actuator/gateway/routes/{id}</c>, read-only, in Spring Cloud Gateway's
/// shape: <c>route_id</c>, <c>uri</c>, <c>order</c>, <c>predicate</c> (the predicates joined with <c>&amp;&amp;</c>) and <c>filters</c>.
/// Route edits (POST/DELETE) are not offered.
/// </summary>
internal sealed class RoutesEndpoint(RouteTableProvider routes)
{
    public async Task ListAsync(HttpContext context)
    {
        await WriteAsync(context, json =>
        {
            json.WriteStartArray();
            foreach (var route in routes.Table.Routes)
            {
                Write(json, route);
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task OneAsync(HttpContext context, string id)
    {
        if (routes.Table.Find(id) is not { } route)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(context, json => Write(json, route)).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter json, CompiledRoute route)
    {
        json.WriteStartObject();
        json.WriteString("route_id", route.Id);
        json.WriteString("uri", route.Definition.Uri);
        json.WriteNumber("order", route.Definition.Order);
        json.WriteString("predicate", string.Join(" && ", route.Predicates.Select(p => p.Describe())));
        json.WriteStartArray("filters");
        foreach (var filter in route.Filters)
        {
            json.WriteStringValue(filter.Describe());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            write(json);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
