using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Stratus.Management.Http;

/// <summary>
/// <c>GET {base}/mappings</c>: every route endpoint of the application in Spring MVC's shape (under one
/// <c>dispatcherServlet</c>), with its display name as handler and only the conditions routing really checks: methods
/// and pattern. Middleware that answers without an endpoint is not visible here.
/// </summary>
internal sealed class MappingsEndpoint(EndpointDataSource endpoints)
{
    public Task GetAsync(HttpContext context)
    {
        var mappings = RouteEndpoints.Read(endpoints)
            .OrderBy(m => m.Pattern, StringComparer.Ordinal)
            .ThenBy(m => string.Join(',', m.Methods), StringComparer.Ordinal)
            .ToList();
        return ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("contexts");
            json.WriteStartObject("application");
            json.WriteStartObject("mappings");
            json.WriteStartObject("dispatcherServlets");
            json.WriteStartArray("dispatcherServlet");
            foreach (var (pattern, methods, handler) in mappings)
            {
                json.WriteStartObject();
                json.WriteString("handler", handler);
                var verbs = methods.Count switch
                {
                    0 => string.Empty,
                    1 => methods[0] + " ",
                    _ => $"[{string.Join(", ", methods)}] ",
                };
                json.WriteString("predicate", $"{{{verbs}[{pattern}]}}");
                json.WriteStartObject("details");
                json.WriteStartObject("requestMappingConditions");
                json.WriteStartArray("methods");
                foreach (var method in methods)
                {
                    json.WriteStringValue(method);
                }

                json.WriteEndArray();
                json.WriteStartArray("patterns");
                json.WriteStringValue(pattern);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
