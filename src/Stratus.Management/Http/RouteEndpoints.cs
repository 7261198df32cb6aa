using Microsoft.AspNetCore.Routing;

namespace Stratus.Management.Http;

/// <summary>The application's route endpoints as pattern and methods, read from every <see cref="EndpointDataSource"/> at request time.</summary>
internal static class RouteEndpoints
{
    public static IEnumerable<(string Pattern, IReadOnlyList<string> Methods, string Handler)> Read(EndpointDataSource source)
    {
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.RawText is not { } raw)
            {
                continue;
            }

            var pattern = "/" + raw.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            yield return (pattern, methods.ToList(), endpoint.DisplayName ?? pattern);
        }
    }
}
