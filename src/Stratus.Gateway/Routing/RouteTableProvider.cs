using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Stratus.Discovery;
using Stratus.Gateway.Definitions;
using Stratus.Gateway.Filters;

namespace Stratus.Gateway.Routing;

/// <summary>
/// Holds the current <see cref="RouteTable"/> and rebuilds it when configuration changes (a file, the config client).
/// A route whose new definition is invalid keeps its last good version, and the problem is logged naming route and
/// field; valid routes change at once. Requests in flight keep the table they started with.
/// </summary>
internal sealed partial class RouteTableProvider : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<RouteTableProvider> _logger;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private volatile RouteTable _table = RouteTable.Empty;

    private readonly FilterServices _services;

    private readonly IDiscoveryClient? _discovery;
    private readonly IOptionsMonitor<GatewayOptions>? _options;
    private readonly IDisposable? _discoverySubscription;

    public RouteTableProvider(IConfiguration configuration, FilterServices services, ILogger<RouteTableProvider> logger, IDiscoveryClient? discovery = null, IOptionsMonitor<GatewayOptions>? options = null)
    {
        _configuration = configuration;
        _services = services;
        _logger = logger;
        _discovery = discovery;
        _options = options;
        Errors = Reload();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Reload());
        if (discovery is not null && options is not null)
        {
            _discoverySubscription = ChangeToken.OnChange(discovery.GetChangeToken, () =>
            {
                if (options.CurrentValue.Discovery.Locator.Enabled)
                {
                    Reload();
                }
            });
        }
    }

    public RouteTable Table => _table;

    /// <summary>The problems of the first load (start-up reports them).</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<string> Reload()
    {
        lock (_gate)
        {
            var (definitions, defaultFilters, readErrors) = RouteDefinitionReader.Read(_configuration);
            AddLocatorRoutes(definitions);
            var (routes, compileErrors, rejected) = RouteCompiler.Compile(definitions, defaultFilters, _services);
            var errors = readErrors.Concat(compileErrors).ToList();
            var previous = _table;
            foreach (var id in rejected)
            {
                if (previous.Find(id) is { } kept)
                {
                    routes.Add(kept);
                    Log.KeptLastGood(_logger, id);
                }
            }

            foreach (var error in errors)
            {
                Log.InvalidRoute(_logger, error);
            }

            _table = new RouteTable(routes);
            if (!ReferenceEquals(previous, RouteTable.Empty) || routes.Count > 0)
            {
                Log.Loaded(_logger, routes.Count, errors.Count);
            }

            return errors;
        }
    }

    /// <summary>Spring's locator routes: id <c>ReactiveCompositeDiscoveryClient_{id}</c>, <c>Path=/{id}/**</c>, the prefix rewritten away.</summary>
    private void AddLocatorRoutes(List<RouteDefinition> definitions)
    {
        if (_discovery is null || _options?.CurrentValue.Discovery.Locator is not { Enabled: true } locator)
        {
            return;
        }

        var position = definitions.Count;
        foreach (var service in _discovery.Services.Order(StringComparer.Ordinal))
        {
            var id = locator.LowerCaseServiceId ? service.ToLowerInvariant() : service;
            if (definitions.Any(d => d.Id == "ReactiveCompositeDiscoveryClient_" + service) || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
            {
                continue;
            }

            definitions.Add(new RouteDefinition(
                "ReactiveCompositeDiscoveryClient_" + service,
                "lb://" + service,
                0,
                [PluginDefinition.ParseShortcut($"Path=/{id}/**")],
                [PluginDefinition.ParseShortcut($"RewritePath=/{id}/?(?<remaining>.*), /${{remaining}}")],
                new Dictionary<string, string>(),
                position++));
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _discoverySubscription?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, EventName = "GatewayRoutesLoaded", Level = LogLevel.Information, Message = "Gateway routes loaded: {Count} serving, {Problems} problems")]
        public static partial void Loaded(ILogger logger, int count, int problems);

        [LoggerMessage(EventId = 1301, EventName = "GatewayRouteInvalid", Level = LogLevel.Error, Message = "Invalid gateway route configuration: {Problem}")]
        public static partial void InvalidRoute(ILogger logger, string problem);

        [LoggerMessage(EventId = 1302, EventName = "GatewayRouteKept", Level = LogLevel.Warning, Message = "Route '{RouteId}' keeps its last good definition until its configuration is fixed")]
        public static partial void KeptLastGood(ILogger logger, string routeId);
    }
}
