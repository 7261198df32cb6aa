using System.Globalization;
using System.Net;
using Stratus.Gateway.Definitions;
using Stratus.Gateway.RateLimiting;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary>
/// Builds a filter from its definition, with Spring's names and shorthand argument order. Arguments are literals, never
/// evaluated (no <c>#{…}</c> or <c>${…}</c> expressions: Spring Cloud Gateway CVE-2022-22947). A bad argument throws
/// <see cref="FormatException"/> naming it.
/// </summary>
internal static class FilterFactory
{
    public static readonly string[] Names =
    [
        "StripPrefix", "PrefixPath", "RewritePath", "SetPath", "AddRequestHeader", "SetRequestHeader", "RemoveRequestHeader",
        "AddResponseHeader", "SetResponseHeader", "RemoveResponseHeader", "AddRequestParameter", "RedirectTo", "SetStatus",
        "PreserveHostHeader", "RequestSize", "SecureHeaders", "TokenRelay", "Retry", "CircuitBreaker", "RequestRateLimiter",
    ];

    public static IGatewayFilter Create(PluginDefinition definition, FilterServices services)
    {
        var name = Names.FirstOrDefault(n => string.Equals(n, definition.Name, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            throw new FormatException($"unknown filter '{definition.Name}' (Spring filters Stratus does not have are listed in docs/gateway.md); known: {string.Join(", ", Names)}");
        }

        PluginArgs Args(params string[] fields) => new(definition, ShortcutType.Default, fields);
        return name switch
        {
            "StripPrefix" => new StripPrefixFilter(Args("parts").Int("parts", 1, min: 0, max: 100)),
            "PrefixPath" => new PrefixPathFilter(PathArg(Args("prefix"), "prefix")),
            "RewritePath" => RewritePath(Args("regexp", "replacement")),
            "SetPath" => new SetPathFilter(PathArg(Args("template"), "template")),
            "AddRequestHeader" => Header(true, HeaderOperationKind.Add, Args("name", "value")),
            "SetRequestHeader" => Header(true, HeaderOperationKind.Set, Args("name", "value")),
            "RemoveRequestHeader" => Header(true, HeaderOperationKind.Remove, Args("name")),
            "AddResponseHeader" => Header(false, HeaderOperationKind.Add, Args("name", "value")),
            "SetResponseHeader" => Header(false, HeaderOperationKind.Set, Args("name", "value")),
            "RemoveResponseHeader" => Header(false, HeaderOperationKind.Remove, Args("name")),
            "AddRequestParameter" => AddParameter(Args("name", "value")),
            "RedirectTo" => RedirectTo(Args("status", "url", "includeRequestParams")),
            "SetStatus" => new SetStatusFilter(Status(Args("status").Required("status"), 100)),
            "PreserveHostHeader" => Checked(Args(), new PreserveHostHeaderFilter()),
            "RequestSize" => RequestSize(Args("maxSize")),
            "SecureHeaders" => new SecureHeadersFilter(new PluginArgs(definition, ShortcutType.GatherList, "disable").List("disable", required: false)),
            "Retry" => Retry(Args("retries", "statuses", "series", "methods", "exceptions", "backoff.firstBackoff", "backoff.maxBackoff", "backoff.factor", "backoff.basedOnPreviousValue")),
            "CircuitBreaker" => CircuitBreaker(Args("name", "fallbackUri", "statusCodes", "resumeWithoutError"), services.Breakers),
            "RequestRateLimiter" => RateLimiter(definition, services),
            _ => Checked(Args("clientRegistrationId"), new TokenRelayFilter()),
        };
    }

    /// <summary>Reading the arguments already refused unknown ones; the filter itself takes none.</summary>
    private static IGatewayFilter Checked(PluginArgs args, IGatewayFilter filter)
    {
        _ = args;
        return filter;
    }

    private static RetryFilter Retry(PluginArgs args)
    {
        var retries = args.Int("retries", 3, min: 0, max: 10);
        var statuses = args.List("statuses", required: false).Select(s => Status(s, 100)).ToArray();
        var series = args.Has("series") ? args.List("series", required: false).Select(RetryPolicy.SeriesOf).ToArray() : [5];
        var methods = args.Has("methods") ? args.List("methods").Select(m => m.ToUpperInvariant()).ToArray() : RetryPolicy.DefaultMethods;
        var unsafeMethods = methods.Where(m => m is "POST" or "PATCH" or "CONNECT").ToList();
        if (unsafeMethods.Count > 0)
        {
            throw new FormatException($"methods {string.Join(", ", unsafeMethods)} are not idempotent and are never retried");
        }

        var first = args.Optional("backoff.firstBackoff") is { } f ? Duration(f, "backoff.firstBackoff") : TimeSpan.Zero;
        var max = args.Optional("backoff.maxBackoff") is { } m ? Duration(m, "backoff.maxBackoff") : (first > TimeSpan.Zero ? first * 10 : TimeSpan.Zero);
        var factorText = args.Optional("backoff.factor") ?? "2";
        if (!double.TryParse(factorText, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor < 1 || factor > 10)
        {
            throw new FormatException($"argument 'backoff.factor' = '{factorText}' is not a number in 1-10");
        }

        return new RetryFilter(new RetryPolicy(retries, statuses, series, methods, first, max, factor));
    }

    /// <summary>Spring's duration text: <c>10ms</c>, <c>2s</c>, <c>1m</c>, or milliseconds.</summary>
    public static TimeSpan Duration(string text, string field)
    {
        var t = text.Trim();
        var digits = t.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && long.TryParse(t[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 3_600_000)
        {
            switch (t[digits..].Trim().ToLowerInvariant())
            {
                case "" or "ms":
                    return TimeSpan.FromMilliseconds(n);
                case "s":
                    return TimeSpan.FromSeconds(n);
                case "m":
                    return TimeSpan.FromMinutes(n);
            }
        }

        throw new FormatException($"argument '{field}' = '{text}' is not a duration like 10ms, 2s or 1m");
    }

    private static readonly string[] LimiterFields =
    [
        "replenishRate", "burstCapacity", "requestedTokens", "key-resolver", "deny-empty-key", "empty-key-status-code",
        "redis-rate-limiter.replenishRate", "redis-rate-limiter.burstCapacity", "redis-rate-limiter.requestedTokens",
        "local-rate-limiter.replenishRate", "local-rate-limiter.burstCapacity", "local-rate-limiter.requestedTokens",
    ];

    /// <summary>
    /// Spring's <c>redis-rate-limiter.*</c> arguments share buckets through Redis; <c>local-rate-limiter.*</c> or the
    /// shorthand (<c>RequestRateLimiter=replenishRate, burstCapacity, requestedTokens, key-resolver</c>) keep them in this process.
    /// </summary>
    private static RequestRateLimiterFilter RateLimiter(PluginDefinition definition, FilterServices services)
    {
        var args = new PluginArgs(definition, ShortcutType.Default, LimiterFields);
        var redis = args.Has("redis-rate-limiter.replenishRate") || args.Has("redis-rate-limiter.burstCapacity");
        var prefix = redis ? "redis-rate-limiter." : args.Has("local-rate-limiter.replenishRate") ? "local-rate-limiter." : string.Empty;
        var rate = args.Int(prefix + "replenishRate", min: 1, max: 1_000_000);
        var burst = args.Int(prefix + "burstCapacity", rate, min: 1, max: 10_000_000);
        var requested = args.Int(prefix + "requestedTokens", 1, min: 1, max: 1_000_000);
        if (burst < requested)
        {
            throw new FormatException($"burstCapacity {burst} is below requestedTokens {requested}: no request could ever pass");
        }

        var key = (args.Optional("key-resolver") ?? "principal").Trim() switch
        {
            "principal" => RateLimitKey.Principal,
            "client-address" => RateLimitKey.ClientAddress,
            var other => throw new FormatException($"key-resolver '{other}' must be principal or client-address (expressions such as #{{@bean}} are not evaluated)"),
        };
        IRateLimiter limiter = services.LocalLimiter;
        if (redis)
        {
            limiter = services.RedisLimiter ?? throw new FormatException("redis-rate-limiter needs Stratus:Gateway:RateLimiter:Redis:Configuration");
        }

        var emptyStatus = Status(args.Optional("empty-key-status-code") ?? "403", 100);
        return new RequestRateLimiterFilter(services.RouteId, limiter, new(rate, burst, requested), key, args.Bool("deny-empty-key", true), emptyStatus, redis, services.Time);
    }

    private static CircuitBreakerFilter CircuitBreaker(PluginArgs args, CircuitBreakers breakers)
    {
        var name = args.Optional("name") ?? "default";
        string? fallback = null;
        if (args.Optional("fallbackUri") is { } uri)
        {
            fallback = uri.StartsWith("forward:/", StringComparison.Ordinal) && !uri.Any(char.IsControl)
                ? uri["forward:".Length..]
                : throw new FormatException($"fallbackUri '{uri}' must be forward:/path (a path the gateway routes)");
        }

        var statusCodes = args.List("statusCodes", required: false).Select(s => Status(s, 100)).ToArray();
        return new CircuitBreakerFilter(name, breakers.Get(name, statusCodes), fallback, statusCodes);
    }

    private static string PathArg(PluginArgs args, string field)
    {
        var value = args.Required(field);
        return value.StartsWith('/') && !value.Any(c => char.IsControl(c) || c is '?' or '#' or '\\')
            ? value
            : throw new FormatException($"argument '{field}' = '{value}' must be a path starting with '/', without '?', '#', '\\' or control characters");
    }

    private static RewritePathFilter RewritePath(PluginArgs args)
    {
        var regexp = args.Required("regexp");
        var replacement = args.Optional("replacement") ?? string.Empty;
        try
        {
            return new RewritePathFilter(new System.Text.RegularExpressions.Regex(regexp, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), replacement);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{regexp}' is not a valid regular expression: {e.Message}");
        }
    }

    private static HeaderFilter Header(bool request, HeaderOperationKind kind, PluginArgs args)
    {
        var name = args.Required("name");
        if (!name.All(c => c > 32 && c < 127 && c is not ':' and not '(' and not ')' and not ',' and not ';' and not '"' and not '/' and not '[' and not ']' and not '{' and not '}'))
        {
            throw new FormatException($"'{name}' is not a valid header name");
        }

        string? value = null;
        if (kind != HeaderOperationKind.Remove)
        {
            value = args.Optional("value") ?? string.Empty;
            if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new FormatException($"the value of header '{name}' holds CR, LF or NUL");
            }
        }

        return new HeaderFilter(request, kind, name, value);
    }

    private static AddRequestParameterFilter AddParameter(PluginArgs args) => new(args.Required("name"), args.Optional("value") ?? string.Empty);

    private static RedirectToFilter RedirectTo(PluginArgs args)
    {
        var status = Status(args.Required("status"), 300);
        if (status is < 300 or > 399)
        {
            throw new FormatException($"status {status} is not a redirect (3xx)");
        }

        var url = args.Required("url");
        if (url.Any(c => char.IsControl(c)))
        {
            throw new FormatException("url holds control characters");
        }

        return new RedirectToFilter(status, url, args.Bool("includeRequestParams", false));
    }

    /// <summary>A number (<c>401</c>) or Spring's <c>HttpStatus</c> name (<c>UNAUTHORIZED</c>, <c>NOT_FOUND</c>).</summary>
    public static int Status(string text, int min)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= min && code <= 599)
        {
            return code;
        }

        if (Enum.TryParse<HttpStatusCode>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var named)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return (int)named;
        }

        throw new FormatException($"'{text}' is not an HTTP status ({min}-599 or a name like NOT_FOUND)");
    }

    private static RequestSizeFilter RequestSize(PluginArgs args)
    {
        var text = args.Optional("maxSize") ?? "5MB";
        return new RequestSizeFilter(DataSize(text), text);
    }

    /// <summary>Spring's <c>DataSize</c>: a number with an optional unit B, KB, MB, GB (powers of 1024); bytes by default.</summary>
    public static long DataSize(string text)
    {
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        var unit = trimmed[digits..].Trim().ToUpperInvariant();
        long factor = unit switch
        {
            "" or "B" => 1,
            "KB" => 1024,
            "MB" => 1024 * 1024,
            "GB" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (digits == 0 || factor == 0 || !long.TryParse(trimmed[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / factor)
        {
            throw new FormatException($"'{text}' is not a data size like 5MB, 512KB or 1000000");
        }

        return number * factor;
    }
}
