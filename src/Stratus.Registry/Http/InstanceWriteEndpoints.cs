using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;
using Stratus.Registry.Leases;
using Stratus.Registry.Replication;
using Stratus.Registry.Security;

namespace Stratus.Registry.Http;

/// <summary>Register, renew, cancel, status override and metadata: Eureka's write API with its status codes.</summary>
internal sealed class InstanceWriteEndpoints(InstanceRegistry registry, PeerReplicator replicator, IOptionsMonitor<RegistryOptions> options)
{
    public const string ReplicationHeader = "x-netflix-discovery-replication";

    public async Task RegisterAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app").ToUpperInvariant();
        var limit = options.CurrentValue.MaxRequestBodySize;
        var body = await RequestBody.ReadAsync(context, limit).ConfigureAwait(false);
        if (body is not { } bytes)
        {
            await RequestBody.TooLargeAsync(context, limit).ConfigureAwait(false);
            return;
        }

        InstanceInfo info;
        try
        {
            info = IsXml(context.Request, bytes.Span) ? EurekaXmlReader.ReadInstance(bytes) : EurekaJsonReader.ReadInstance(bytes);
        }
        catch (EurekaFormatException ex)
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        info = InstanceIdFallback.Apply(info);
        if (RegistrationValidator.Validate(info, app) is { } problem)
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var isReplication = IsReplication(context.Request);
        var stored = registry.Register(info, isReplication);
        if (!isReplication)
        {
            replicator.Enqueue(ReplicationAction.Register, stored.App, stored.InstanceId, stored, null);
        }

        // Eureka answers 204 "to be backwards compatible".
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task RenewAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app");
        var id = RouteValue(context, "id");
        var query = context.Request.Query;
        if (!TryParseTimestamp(query["lastDirtyTimestamp"], out var lastDirty))
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, "lastDirtyTimestamp must be a number").ConfigureAwait(false);
            return;
        }

        var isReplication = IsReplication(context.Request);
        InstanceStatus? overridden = EurekaNames.TryParseStatus(query["overriddenstatus"].ToString(), out var parsed) ? parsed : null;
        var outcome = RenewalRules.Renew(registry, app, id, lastDirty, overridden, isReplication);
        if (outcome.StatusCode == StatusCodes.Status200OK && !isReplication)
        {
            replicator.Enqueue(ReplicationAction.Heartbeat, app, id, null, null);
        }

        context.Response.StatusCode = outcome.StatusCode;
        if (outcome.Entity is { } stored)
        {
            // Our copy is newer: send it back so the replicating node syncs itself.
            await WriteInstanceAsync(context, stored).ConfigureAwait(false);
        }
    }

    public async Task CancelAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app");
        var id = RouteValue(context, "id");
        var isReplication = IsReplication(context.Request);
        var cancelled = registry.Cancel(app, id, isReplication);
        if (cancelled && !isReplication)
        {
            replicator.Enqueue(ReplicationAction.Cancel, app, id, null, null);
        }

        context.Response.StatusCode = cancelled ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
    }

    public async Task UpdateStatusAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app");
        var id = RouteValue(context, "id");
        var query = context.Request.Query;
        var value = query["value"].ToString();
        if (!EurekaNames.TryParseStatus(value, out var status))
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, $"Unknown status value '{EurekaJsonReader.Truncate(value)}'").ConfigureAwait(false);
            return;
        }

        if (!TryParseTimestamp(query["lastDirtyTimestamp"], out var lastDirty))
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, "lastDirtyTimestamp must be a number").ConfigureAwait(false);
            return;
        }

        if (!registry.UpdateStatus(app, id, status, lastDirty))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!IsReplication(context.Request))
        {
            replicator.Enqueue(ReplicationAction.StatusUpdate, app, id, null, status);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async Task DeleteStatusOverrideAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app");
        var id = RouteValue(context, "id");
        var query = context.Request.Query;
        var value = query["value"].ToString();
        var status = InstanceStatus.Unknown;
        if (value.Length > 0 && !EurekaNames.TryParseStatus(value, out status))
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, $"Unknown status value '{EurekaJsonReader.Truncate(value)}'").ConfigureAwait(false);
            return;
        }

        if (!TryParseTimestamp(query["lastDirtyTimestamp"], out var lastDirty))
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, "lastDirtyTimestamp must be a number").ConfigureAwait(false);
            return;
        }

        if (!registry.DeleteStatusOverride(app, id, status, lastDirty))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!IsReplication(context.Request))
        {
            replicator.Enqueue(ReplicationAction.DeleteStatusOverride, app, id, null, status);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async Task UpdateMetadataAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var app = RouteValue(context, "app");
        var id = RouteValue(context, "id");
        var entries = context.Request.Query
            .Select(q => new KeyValuePair<string, string>(q.Key, q.Value.Count > 0 ? q.Value[0] ?? string.Empty : string.Empty))
            .ToArray();
        var stored = registry.UpdateMetadata(app, id, entries);
        if (stored is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!IsReplication(context.Request))
        {
            replicator.Enqueue(ReplicationAction.Register, stored.App, stored.InstanceId, stored, null);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    internal static bool IsReplication(HttpRequest request) =>
        string.Equals(request.Headers[ReplicationHeader], "true", StringComparison.OrdinalIgnoreCase);

    internal static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? string.Empty;

    internal static bool TryParseTimestamp(Microsoft.Extensions.Primitives.StringValues values, out long? timestamp)
    {
        timestamp = null;
        var text = values.ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            timestamp = parsed;
            return true;
        }

        return false;
    }

    private static async Task WriteInstanceAsync(HttpContext context, InstanceInfo instance)
    {
        var json = Negotiation.WantsJson(context.Request);
        var bytes = json ? EurekaJsonWriter.WriteInstance(instance) : EurekaXmlWriter.WriteInstance(instance);
        context.Response.ContentType = json ? "application/json" : "application/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsXml(HttpRequest request, ReadOnlySpan<byte> body)
    {
        if (request.ContentType is { } type)
        {
            return type.Contains("xml", StringComparison.OrdinalIgnoreCase);
        }

        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'<';
    }

    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        if (WriteAuthorization.IsAuthorized(context, options.CurrentValue))
        {
            return true;
        }

        await WriteAuthorization.ChallengeAsync(context).ConfigureAwait(false);
        return false;
    }
}
