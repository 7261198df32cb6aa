using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Configures a <see cref="StratusGatewayResource"/>.</summary>
public static class StratusGatewayBuilderExtensions
{
    /// <summary>
    /// Adds a route in Spring Cloud Gateway's shape: <c>Stratus__Gateway__Routes__{n}__Id</c>, <c>__Uri</c>,
    /// <c>__Predicates__{k}</c> and <c>__Filters__{k}</c>, where <c>n</c> counts the routes added so far (start with
    /// this method, then any routes of your own through <c>WithEnvironment</c> from that index on).
    /// </summary>
    /// <param name="builder">The gateway resource builder.</param>
    /// <param name="id">The route id.</param>
    /// <param name="uri">The destination: <c>lb://service-name</c> (through the registry) or an absolute <c>http(s)</c> URL.</param>
    /// <param name="predicates">Spring shorthand predicates, such as <c>Path=/organization/**</c>.</param>
    /// <param name="filters">Spring shorthand filters, such as <c>RewritePath=/organization/(?&lt;path&gt;.*), /${path}</c>; none by default.</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="ArgumentException">An empty id, a URI that is not absolute, or an empty predicate or filter.</exception>
    public static IResourceBuilder<StratusGatewayResource> WithRoute(this IResourceBuilder<StratusGatewayResource> builder, string id, string uri, IEnumerable<string> predicates, IEnumerable<string>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(predicates);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"Route '{id}': the URI '{uri}' is not absolute (expected lb://service or http://host:port).", nameof(uri));
        }

        string[] predicateList = [.. predicates];
        string[] filterList = [.. filters ?? []];
        if (predicateList.Any(string.IsNullOrWhiteSpace) || filterList.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Route '{id}': a predicate or filter is empty.", nameof(predicates));
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"Stratus__Gateway__Routes__{builder.Resource.RouteCount}__");
        builder.Resource.RouteCount++;
        builder.WithEnvironment(prefix + "Id", id).WithEnvironment(prefix + "Uri", uri);
        for (var i = 0; i < predicateList.Length; i++)
        {
            builder.WithEnvironment(prefix + "Predicates__" + i.ToString(CultureInfo.InvariantCulture), predicateList[i]);
        }

        for (var i = 0; i < filterList.Length; i++)
        {
            builder.WithEnvironment(prefix + "Filters__" + i.ToString(CultureInfo.InvariantCulture), filterList[i]);
        }

        return builder;
    }

    /// <summary>
    /// Turns the discovery locator on or off (<c>Stratus:Gateway:Discovery:Locator:Enabled</c>, default off in the
    /// gateway): a route <c>/{service-id}/**</c> to <c>lb://{service-id}</c> for every service in the registry the
    /// gateway references.
    /// </summary>
    /// <param name="builder">The gateway resource builder.</param>
    /// <param name="enabled">Whether the locator adds routes; <see langword="true"/> by default.</param>
    /// <param name="lowerCaseServiceId">Whether the paths use lower-case service ids (<c>LowerCaseServiceId</c>); <see langword="true"/> by default, unlike Spring.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusGatewayResource> WithDiscoveryLocator(this IResourceBuilder<StratusGatewayResource> builder, bool enabled = true, bool lowerCaseServiceId = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithEnvironment("Stratus__Gateway__Discovery__Locator__Enabled", enabled ? "true" : "false")
            .WithEnvironment("Stratus__Gateway__Discovery__Locator__LowerCaseServiceId", lowerCaseServiceId ? "true" : "false");
    }
}
