using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
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

    public RouteTableProvider(IConfiguration configuration, FilterServices services, ILogger<RouteTableProvider> logger)
    {
        _configuration = configuration;
        _services = services;
        _logger = logger;
        Errors = Reload();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Reload());
    }

    public RouteTable Table => _table;

    /// <summary>The problems of the first load (start-up reports them).</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<string> Reload()
    {
        lock (_gate)
        {
            var (definitions, defaultFilters, readErrors) = RouteDefinitionReader.Read(_configuration);
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

    public void Dispose() => _subscription.Dispose();

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
