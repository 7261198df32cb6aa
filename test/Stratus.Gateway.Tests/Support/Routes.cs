using System.Text.Json;

namespace Stratus.Gateway.Tests.Support;

/// <summary>Gateway configuration files for tests, in the Stratus or the Spring shape.</summary>
public static class Routes
{
    public static string Json(params object[] routes) => JsonSerializer.Serialize(new { Stratus = new { Gateway = new { Routes = routes } } });

    public static string WithDefaults(object[] defaultFilters, params object[] routes) =>
        JsonSerializer.Serialize(new { Stratus = new { Gateway = new { DefaultFilters = defaultFilters, Routes = routes } } });

    public static object Route(string id, Uri uri, string[] predicates, string[]? filters = null, int order = 0, Dictionary<string, string>? metadata = null) =>
        Route(id, uri.GetLeftPart(UriPartial.Authority), predicates, filters, order, metadata);

    public static object Route(string id, string uri, string[] predicates, string[]? filters = null, int order = 0, Dictionary<string, string>? metadata = null) =>
        new { Id = id, Uri = uri, Order = order, Predicates = predicates, Filters = filters ?? [], Metadata = metadata ?? [] };
}
