using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Holds requests until the store is ready (see <see cref="DatabaseInitializer"/>), so a token asked for in the first
/// seconds after start is issued a little later rather than refused. Management endpoints (<c>/actuator</c>, or
/// <c>Stratus:Management:BasePath</c>) pass at once, so health and liveness answer while the store is prepared.
/// </summary>
internal sealed class StoreGate(RequestDelegate next, StoreReadiness readiness, IConfiguration configuration)
{
    /// <summary>How long a request waits for the store before it is told to come back.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private const string StillPreparing =
        """{"error":"temporarily_unavailable","error_description":"The auth server is still preparing its store; retry after the time in Retry-After."}""";

    private const string Failed =
        """{"error":"temporarily_unavailable","error_description":"The auth server could not prepare its store and is stopping; its log says why."}""";

    private static readonly object PassedEarlyKey = new();

    private readonly PathString _management = new(configuration["Stratus:Management:BasePath"] is { Length: > 1 } path ? path.TrimEnd('/') : "/actuator");

    public async Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsReady)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Path.StartsWithSegments(_management, StringComparison.OrdinalIgnoreCase))
        {
            context.Items[PassedEarlyKey] = true;
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await readiness.Ready.WaitAsync(MaxWait, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await RefuseAsync(context, StillPreparing, retryAfterSeconds: 5).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception) when (readiness.Failure is not null)
        {
            // The reason is in the server's log; the caller learns only that the server cannot serve.
            await RefuseAsync(context, Failed, retryAfterSeconds: null).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether the gate let this request through before the store was ready (a management request).</summary>
    public static bool PassedEarly(HttpContext context) => context.Items.ContainsKey(PassedEarlyKey);

    private static async Task RefuseAsync(HttpContext context, string body, int? retryAfterSeconds)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
