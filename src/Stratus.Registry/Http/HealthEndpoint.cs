using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stratus.Registry.Leases;
using Stratus.Registry.Replication;

namespace Stratus.Registry.Http;

/// <summary><c>/actuator/health</c> in Spring Boot's shape; <c>/eureka/status</c> with the registry's figures.</summary>
internal sealed class HealthEndpoint(InstanceRegistry registry, RegistryAccess access)
{
    public Task HealthAsync(HttpContext context)
    {
        var status = access.IsOpen ? "UP" : "OUT_OF_SERVICE";
        context.Response.StatusCode = access.IsOpen ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/vnd.spring-boot.actuator.v3+json";
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"status\":\"{status}\",\"components\":{{\"registry\":{{\"status\":\"{status}\",\"details\":{{\"instances\":{registry.Count},\"selfPreservation\":{(registry.IsSelfPreservationActive ? "true" : "false")},\"renewalsLastMinute\":{registry.RenewalsLastMinute},\"renewalThreshold\":{registry.RenewsPerMinThreshold}}}}}}}}}");
        return context.Response.WriteAsync(body);
    }
}
