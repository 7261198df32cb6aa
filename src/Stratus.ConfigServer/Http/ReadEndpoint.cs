using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Flattened;
using Stratus.ConfigServer.Refresh;
using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Http;

/// <summary>
/// Every read of the config server, dispatched by path shape as Spring's controllers are:
/// <c>/{app}/{profiles}[/{label}]</c> (v1 or v2 JSON), <c>[/{label}]/{app}-{profiles}.properties|json|yml|yaml</c>
/// (flattened), and <c>/{app}/{profile}/{label}/{path}</c> (plain text or bytes).
/// </summary>
internal sealed class ReadEndpoint(
    EnvironmentService environments,
    AccessControl access,
    ConfigChangeFeed feed,
    IOptionsMonitor<ConfigServerOptions> options,
    TimeProvider time,
    IHostApplicationLifetime? lifetime = null)
{
    public const string V2MediaType = "application/vnd.spring-cloud.config-server.v2+json";
    private static readonly string[] FlatExtensions = [".properties", ".json", ".yml", ".yaml"];

    public async Task HandleAsync(HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = context.Request.Query;
        switch (segments.Length)
        {
            case 1 when FlatExtension(segments[0]) is { } extension:
                await FlattenedAsync(context, null, segments[0], extension).ConfigureAwait(false);
                return;
            case 2 when FlatExtension(segments[1]) is { } extension:
                await FlattenedAsync(context, segments[0], segments[1], extension).ConfigureAwait(false);
                return;
            case 2:
                await EnvironmentAsync(context, segments[0], segments[1], null).ConfigureAwait(false);
                return;
            case 3 when query.ContainsKey("useDefaultLabel"):
                await ResourceAsync(context, segments[0], segments[1], null, segments[2..]).ConfigureAwait(false);
                return;
            case 3:
                await EnvironmentAsync(context, segments[0], segments[1], segments[2]).ConfigureAwait(false);
                return;
            case > 3:
                await ResourceAsync(context, segments[0], segments[1], segments[2], segments[3..]).ConfigureAwait(false);
                return;
            default:
                await ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, "No endpoint here; try /{application}/{profile}[/{label}]", time).ConfigureAwait(false);
                return;
        }
    }

    private async Task EnvironmentAsync(HttpContext context, string application, string profiles, string? rawLabel)
    {
        if (await RequestFor(context, application, profiles, rawLabel).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var v2 = context.Request.Headers.Accept.ToString().Contains(V2MediaType, StringComparison.OrdinalIgnoreCase);
        var known = context.Request.Headers.IfNoneMatch.ToString();
        var wait = known.Length > 0 ? WaitRequested(context) : TimeSpan.Zero;
        var watching = wait > TimeSpan.Zero && feed.TryEnter(options.CurrentValue.MaxWatchers);
        if (wait > TimeSpan.Zero && !watching)
        {
            context.Response.Headers.RetryAfter = "5";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many watchers; try again later", time).ConfigureAwait(false);
            return;
        }

        try
        {
            var deadline = time.GetUtcNow() + wait;
            while (true)
            {
                var nextChange = feed.NextChange;
                var lookup = await environments.FindAsync(request, context.RequestAborted).ConfigureAwait(false);
                if (lookup.Environment is not { } environment)
                {
                    await FailAsync(context, lookup.Status, lookup.Message).ConfigureAwait(false);
                    return;
                }

                var payload = environment.Payload(v2);
                context.Response.Headers.ETag = payload.ETag;
                var remaining = deadline - time.GetUtcNow();
                if (known != payload.ETag)
                {
                    context.Response.ContentType = v2 ? V2MediaType : "application/json";
                    context.Response.ContentLength = payload.Json.Length;
                    await context.Response.Body.WriteAsync(payload.Json, context.RequestAborted).ConfigureAwait(false);
                    return;
                }

                if (!watching || remaining <= TimeSpan.Zero)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                // A watcher parked here must not hold up a graceful shutdown: stopping answers 304 at once.
                var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                await Task.WhenAny(nextChange, Task.Delay(remaining, time, timeout.Token)).ConfigureAwait(false);
                await timeout.CancelAsync().ConfigureAwait(false);
                context.RequestAborted.ThrowIfCancellationRequested();
                if (stopping.IsCancellationRequested)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
            }
        }
        finally
        {
            if (watching)
            {
                feed.Leave();
            }
        }
    }

    /// <summary>A long poll asks with <c>If-None-Match</c> and <c>Prefer: wait=N</c> (RFC 7240), capped by <c>WatchTimeout</c>.</summary>
    private TimeSpan WaitRequested(HttpContext context)
    {
        foreach (var prefer in context.Request.Headers["Prefer"])
        {
            foreach (var part in (prefer ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(part.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                {
                    var max = options.CurrentValue.WatchTimeout;
                    return TimeSpan.FromSeconds(seconds) < max ? TimeSpan.FromSeconds(seconds) : max;
                }
            }
        }

        return TimeSpan.Zero;
    }

    private async Task FlattenedAsync(HttpContext context, string? rawLabel, string file, string extension)
    {
        var stem = file[..^extension.Length];
        var hyphen = stem.LastIndexOf('-');
        if (hyphen <= 0 || hyphen == stem.Length - 1)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, $"Expected {{application}}-{{profiles}}{extension}", time).ConfigureAwait(false);
            return;
        }

        if (await RequestFor(context, stem[..hyphen], stem[(hyphen + 1)..], rawLabel).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var lookup = await environments.FindAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (lookup.Environment is not { } environment)
        {
            await FailAsync(context, lookup.Status, lookup.Message).ConfigureAwait(false);
            return;
        }

        var resolve = !string.Equals(context.Request.Query["resolvePlaceholders"], "false", StringComparison.OrdinalIgnoreCase);
        byte[] body;
        try
        {
            var merged = FlattenedOutput.Merged(environment, resolve);
            (context.Response.ContentType, body) = extension switch
            {
                ".properties" => ("text/plain;charset=UTF-8", Encoding.UTF8.GetBytes(FlattenedOutput.Properties(merged))),
                ".json" => ("application/json", FlattenedOutput.Json(merged)),
                _ => ("text/plain;charset=UTF-8", Encoding.UTF8.GetBytes(FlattenedOutput.Yaml(merged))),
            };
        }
        catch (ArgumentException e)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message, time).ConfigureAwait(false);
            return;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ResourceAsync(HttpContext context, string application, string profiles, string? rawLabel, string[] pathSegments)
    {
        if (PathRules.CheckResourcePath(pathSegments) is { } invalid)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, invalid, time).ConfigureAwait(false);
            return;
        }

        if (await RequestFor(context, application, profiles, rawLabel).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var path = string.Join('/', pathSegments);
        var resource = await environments.Repository.FindResourceAsync(request, path, context.RequestAborted).ConfigureAwait(false);
        if (resource.Content is not { } content)
        {
            await FailAsync(context, resource.Status, resource.Message).ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers.Accept.ToString().Contains("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var text = Encoding.UTF8.GetString(content);
        if (!string.Equals(context.Request.Query["resolvePlaceholders"], "false", StringComparison.OrdinalIgnoreCase))
        {
            var lookup = await environments.FindAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (lookup.Environment is { } environment)
            {
                text = new PlaceholderResolver(environment).Resolve(text);
            }
        }

        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Validates the slots and the caller's right to read the application; answers 400/401/403 itself and returns null then.</summary>
    private async Task<EnvironmentRequest?> RequestFor(HttpContext context, string application, string profiles, string? rawLabel)
    {
        string? label = null;
        var invalid = PathRules.CheckApplication(application) ?? PathRules.CheckProfiles(profiles)
            ?? (rawLabel is null ? null : PathRules.CheckLabel(rawLabel, out label));
        if (invalid is not null)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, invalid, time).ConfigureAwait(false);
            return null;
        }

        var applications = application.Split(',');
        if (access.CheckRead(context, applications) is { } denied)
        {
            if (denied.Status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers[HeaderNames.WWWAuthenticate] = AccessControl.Realm;
            }

            await ErrorResponse.WriteAsync(context, denied.Status, denied.Message, time).ConfigureAwait(false);
            return null;
        }

        return new EnvironmentRequest(application, applications, profiles, profiles.Split(','), label);
    }

    private Task FailAsync(HttpContext context, LookupStatus status, string? message)
    {
        var code = status switch
        {
            LookupStatus.NotFound => StatusCodes.Status404NotFound,
            LookupStatus.NotReady => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (status == LookupStatus.NotReady)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return ErrorResponse.WriteAsync(context, code, message ?? "Not found", time);
    }

    private static string? FlatExtension(string segment) =>
        FlatExtensions.FirstOrDefault(e => segment.EndsWith(e, StringComparison.Ordinal) && segment.Length > e.Length);
}
