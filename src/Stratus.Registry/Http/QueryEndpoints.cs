using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;
using Stratus.Registry.Leases;
using Stratus.Registry.Replication;

namespace Stratus.Registry.Http;

/// <summary>Eureka's read API: all apps, delta, one app, one instance, VIPs. Listings come from the snapshot's bytes.</summary>
internal sealed class QueryEndpoints(InstanceRegistry registry, RegistryAccess access, IOptionsMonitor<RegistryOptions> options)
{
    public Task GetApplicationsAsync(HttpContext context)
    {
        if (!access.IsOpen)
        {
            return ForbiddenAsync(context);
        }

        var json = Negotiation.WantsJson(context.Request);
        return Negotiation.WriteAsync(context, registry.GetSnapshot().FullPayload(json), json);
    }

    public Task GetDeltaAsync(HttpContext context)
    {
        if (!access.IsOpen || options.CurrentValue.DisableDelta)
        {
            return ForbiddenAsync(context);
        }

        var json = Negotiation.WantsJson(context.Request);
        return Negotiation.WriteAsync(context, registry.GetSnapshot().DeltaPayload(json), json);
    }

    public Task GetApplicationAsync(HttpContext context)
    {
        if (!access.IsOpen)
        {
            return ForbiddenAsync(context);
        }

        var name = InstanceWriteEndpoints.RouteValue(context, "app");
        if (!registry.GetSnapshot().Applications.TryGetValue(name, out var app))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var json = Negotiation.WantsJson(context.Request);
        return Negotiation.WriteAsync(context, json ? EurekaJsonWriter.WriteApplication(app) : EurekaXmlWriter.WriteApplication(app), json);
    }

    public Task GetInstanceAsync(HttpContext context)
    {
        var app = InstanceWriteEndpoints.RouteValue(context, "app");
        var id = InstanceWriteEndpoints.RouteValue(context, "id");
        return WriteInstanceAsync(context, registry.GetInstance(app, id));
    }

    public Task FindInstanceAsync(HttpContext context) =>
        WriteInstanceAsync(context, registry.FindInstance(InstanceWriteEndpoints.RouteValue(context, "id")));

    public Task GetVipAsync(HttpContext context) => GetByVipAsync(context, secure: false);

    public Task GetSecureVipAsync(HttpContext context) => GetByVipAsync(context, secure: true);

    private Task GetByVipAsync(HttpContext context, bool secure)
    {
        if (!access.IsOpen)
        {
            return ForbiddenAsync(context);
        }

        var vip = InstanceWriteEndpoints.RouteValue(context, "vip");
        var snapshot = registry.GetSnapshot();
        var apps = new List<EurekaApplication>();
        foreach (var app in snapshot.Full.Applications)
        {
            var matching = app.Instances.Where(i => HasVip(secure ? i.SecureVipAddress : i.VipAddress, vip)).ToArray();
            if (matching.Length > 0)
            {
                apps.Add(new EurekaApplication(app.Name, matching));
            }
        }

        // Eureka answers an unknown VIP with an empty listing (200), versions__delta "-1".
        var listing = new EurekaApplications("-1", Snapshots.RegistrySnapshot.ReconcileHashCode(apps), apps);
        var json = Negotiation.WantsJson(context.Request);
        return Negotiation.WriteAsync(context, json ? EurekaJsonWriter.WriteApplications(listing) : EurekaXmlWriter.WriteApplications(listing), json);
    }

    /// <summary>A VIP address may be a comma-separated list; Eureka matches one entry exactly, case included.</summary>
    private static bool HasVip(string? addresses, string vip)
    {
        if (string.IsNullOrEmpty(addresses))
        {
            return false;
        }

        foreach (var range in addresses.AsSpan().Split(','))
        {
            if (addresses.AsSpan()[range].Trim().Equals(vip, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteInstanceAsync(HttpContext context, InstanceInfo? instance)
    {
        if (instance is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var json = Negotiation.WantsJson(context.Request);
        return Negotiation.WriteAsync(context, json ? EurekaJsonWriter.WriteInstance(instance) : EurekaXmlWriter.WriteInstance(instance), json);
    }

    private static Task ForbiddenAsync(HttpContext context) =>
        RequestBody.TextAsync(context, StatusCodes.Status403Forbidden, "Registry is synchronising with its peers; try another node");
}
