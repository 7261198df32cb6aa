using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Registry.Leases;

namespace Stratus.Registry.Watch;

/// <summary>
/// <c>GET /eureka/watch</c>: tells a client the registry changed, so it fetches the delta at once instead of polling
/// every 30 seconds. Long poll: <c>?since=N[&amp;timeout=S]</c> answers <c>{"version":M,"changed":true}</c> as soon
/// as the version passes N, or <c>changed:false</c> when the wait ends. <c>Accept: text/event-stream</c> streams one
/// <c>registry</c> event per change instead.
/// </summary>
internal sealed class WatchEndpoint(
    InstanceRegistry registry,
    RegistryChangeFeed feed,
    TimeProvider time,
    IOptionsMonitor<RegistryOptions> options,
    IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        long since = -1;
        var sinceText = query["since"].ToString();
        if (sinceText.Length == 0)
        {
            sinceText = context.Request.Headers["Last-Event-ID"].ToString();
        }

        if (sinceText.Length > 0 && !long.TryParse(sinceText, NumberStyles.None, CultureInfo.InvariantCulture, out since))
        {
            await Http.RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, "since must be a non-negative number").ConfigureAwait(false);
            return;
        }

        var timeout = options.CurrentValue.WatchTimeout;
        var timeoutText = query["timeout"].ToString();
        if (timeoutText.Length > 0)
        {
            if (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                await Http.RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, "timeout must be a positive number of seconds").ConfigureAwait(false);
                return;
            }

            timeout = TimeSpan.FromSeconds(Math.Min(seconds, timeout.TotalSeconds));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        if (context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await StreamAsync(context, since, stop.Token).ConfigureAwait(false);
            return;
        }

        long version;
        try
        {
            version = since < 0 ? feed.Version : await feed.WaitForChangeAsync(since, timeout, time, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            version = feed.Version;
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(Payload(version, version != since), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, long since, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var last = since;
        try
        {
            if (feed.Version != last)
            {
                last = feed.Version;
                await WriteEventAsync(response, last, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var version = await feed.WaitForChangeAsync(last, KeepAlive, time, cancellationToken).ConfigureAwait(false);
                if (version == last)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    last = version;
                    await WriteEventAsync(response, version, cancellationToken).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
    }

    private Task WriteEventAsync(HttpResponse response, long version, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"event: registry\nid: {version}\ndata: {Payload(version, changed: true)}\n\n");
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();
    }

    private string Payload(long version, bool changed)
    {
        var hash = changed ? registry.GetSnapshot().Full.AppsHashCode : null;
        return hash is null
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"version\":{version},\"changed\":false}}")
            : string.Create(CultureInfo.InvariantCulture, $"{{\"version\":{version},\"changed\":true,\"appsHashcode\":\"{hash}\"}}");
    }
}
