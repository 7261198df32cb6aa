using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Registry.Leases;

namespace Stratus.Registry.Dashboard;

/// <summary>
/// The read-only dashboard at <c>/</c>: registry version, uptime, self-preservation, peers (credentials masked) and
/// every instance with its status and lease age. Plain HTML, no script, no external assets; every value is encoded.
/// </summary>
internal sealed class DashboardPage(InstanceRegistry registry, TimeProvider time, IOptionsMonitor<RegistryOptions> options)
{
    private readonly long _started = time.GetTimestamp();

    public Task RenderAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(Render(), context.RequestAborted);
    }

    internal string Render()
    {
        var html = HtmlEncoder.Default;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var uptime = time.GetElapsedTime(_started);
        var page = new StringBuilder(4096);
        page.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
            <title>Stratus registry</title><style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}
            th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}.warn{color:#a00;font-weight:bold}
            </style></head><body><h1>Stratus registry</h1>
            """);
        var selfPreservation = registry.IsSelfPreservationActive;
        page.Append(CultureInfo.InvariantCulture, $"<p>Version {registry.Version} &middot; up {(int)uptime.TotalHours}h {uptime.Minutes:00}m &middot; ");
        page.Append(CultureInfo.InvariantCulture, $"{registry.Count} instances &middot; renewals last minute {registry.RenewalsLastMinute} (threshold {registry.RenewsPerMinThreshold})</p>");
        page.Append(selfPreservation
            ? "<p class=\"warn\">Self-preservation is active: renewals are below the threshold, so expired instances are kept.</p>"
            : "<p>Self-preservation is not holding evictions.</p>");

        var peers = options.CurrentValue.PeerUrls;
        page.Append("<h2>Peers</h2>");
        page.Append(peers.Count == 0 ? "<p>None (standalone)</p><ul>" : "<ul>");
        foreach (var peer in peers)
        {
            page.Append("<li>").Append(html.Encode(RegistryOptionsRules.Mask(peer))).Append("</li>");
        }

        page.Append("</ul><h2>Instances</h2>");
        foreach (var app in registry.Leases().GroupBy(l => l.App, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            page.Append("<h3>").Append(html.Encode(app.Key)).Append("</h3><table><tr><th>Instance</th><th>Status</th><th>Address</th><th>Last renewal</th><th>Registered</th></tr>");
            foreach (var (_, lease) in app.OrderBy(l => l.Lease.Holder.InstanceId, StringComparer.Ordinal))
            {
                var info = lease.Holder;
                var status = info.OverriddenStatus == InstanceStatus.Unknown
                    ? info.Status.ToWire()
                    : $"{info.Status.ToWire()} (override {info.OverriddenStatus.ToWire()})";
                var age = Math.Max(0, (now - lease.LastRenewalTimestamp) / 1000);
                var registered = DateTimeOffset.FromUnixTimeMilliseconds(lease.RegistrationTimestamp).ToString("u", CultureInfo.InvariantCulture);
                page.Append("<tr><td>").Append(html.Encode(info.InstanceId))
                    .Append("</td><td>").Append(html.Encode(status))
                    .Append("</td><td>").Append(html.Encode(string.Create(CultureInfo.InvariantCulture, $"{info.HostName}:{info.Port}")))
                    .Append(CultureInfo.InvariantCulture, $"</td><td>{age} s ago</td><td>{registered}</td></tr>");
            }

            page.Append("</table>");
        }

        return page.Append("</body></html>").ToString();
    }
}
