using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Stratus.Management.Http;

/// <summary>
/// <c>GET {base}</c>: Spring's links page, listing every endpoint under the base path, also those other libraries map
/// (<c>{base}/refresh</c>, <c>{base}/gateway/routes</c>). A link's name is its path below the base with parameters
/// unwrapped, joined by <c>-</c> (<c>health/{*path}</c> is <c>health-path</c>, as in Spring).
/// </summary>
internal sealed class IndexEndpoint(EndpointDataSource endpoints, string basePath)
{
    public Task GetAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var links = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pattern, _, _) in RouteEndpoints.Read(endpoints))
        {
            if (pattern.Length > basePath.Length + 1 && pattern.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase))
            {
                links.TryAdd(LinkName(pattern[(basePath.Length + 1)..]), pattern);
            }
        }

        return ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("_links");
            WriteLink(json, "self", origin + basePath);
            foreach (var (name, pattern) in links)
            {
                WriteLink(json, name, origin + pattern);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    internal static string LinkName(string path)
    {
        var name = new StringBuilder();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Length > 0)
            {
                name.Append('-');
            }

            var part = segment;
            if (part.StartsWith('{'))
            {
                part = part.Trim('{', '}', '*');
                var end = part.IndexOfAny([':', '=', '?']);
                part = end < 0 ? part : part[..end];
            }

            name.Append(part);
        }

        return name.ToString();
    }

    private static void WriteLink(System.Text.Json.Utf8JsonWriter json, string name, string href)
    {
        json.WriteStartObject(name);
        json.WriteString("href", href);
        json.WriteBoolean("templated", href.Contains('{', StringComparison.Ordinal));
        json.WriteEndObject();
    }
}
