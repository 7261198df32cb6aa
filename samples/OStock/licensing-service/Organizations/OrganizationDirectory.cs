using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OStock.LicensingService.Data;

namespace OStock.LicensingService.Organizations;

/// <summary>
/// Finds an organisation's details: the cache in the database while fresh, else organization-service by its logical
/// name (<c>http://organization-service/</c>, resolved by discovery, balanced, retried on another instance, the
/// caller's token relayed). When organization-service cannot answer, the lookup says so instead of failing the read.
/// </summary>
internal sealed partial class OrganizationDirectory(
    IHttpClientFactory clients,
    LicensingDbContext db,
    TimeProvider time,
    IOptionsMonitor<OrganizationCacheOptions> options,
    ILogger<OrganizationDirectory> logger)
{
    public const string ClientName = "organization-service";

    public async Task<OrganizationLookup> FindAsync(string organizationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var cached = await db.OrganizationCache.FirstOrDefaultAsync(c => c.OrganizationId == organizationId, cancellationToken);
        if (cached is not null && cached.ExpiresAtUnixMs > now)
        {
            return new OrganizationLookup(new OrganizationDetails(organizationId, cached.Name, cached.ContactName, cached.ContactEmail, cached.ContactPhone), OrganizationLookup.Cached);
        }

        OrganizationDetails? details;
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync($"v1/organization/{Uri.EscapeDataString(organizationId)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new OrganizationLookup(null, OrganizationLookup.NotFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                LogAnswered(logger, organizationId, (int)response.StatusCode);
                return new OrganizationLookup(null, OrganizationLookup.Unavailable);
            }

            details = await response.Content.ReadFromJsonAsync(LicensingJsonContext.Default.OrganizationDetails, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // Refused connections, no instance in the registry, time-outs, open breakers, a body that is not JSON:
            // the licence is still worth answering without its organisation.
            LogUnavailable(logger, organizationId, e);
            return new OrganizationLookup(null, OrganizationLookup.Unavailable);
        }

        if (details is null)
        {
            return new OrganizationLookup(null, OrganizationLookup.Unavailable);
        }

        cached ??= db.OrganizationCache.Add(new CachedOrganization { OrganizationId = organizationId }).Entity;
        cached.Name = details.Name;
        cached.ContactName = details.ContactName;
        cached.ContactEmail = details.ContactEmail;
        cached.ContactPhone = details.ContactPhone;
        cached.ExpiresAtUnixMs = now + (long)options.CurrentValue.TimeToLive.TotalMilliseconds;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another request cached it at the same moment; the details in hand are as good.
            LogCacheWriteFailed(logger, organizationId, e);
        }

        return new OrganizationLookup(details, OrganizationLookup.Available);
    }

    /// <summary>Forgets an organisation's details (an organisation-change event said they changed).</summary>
    public Task<int> EvictAsync(string organizationId, CancellationToken cancellationToken) =>
        db.OrganizationCache.Where(c => c.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(EventId = 100, EventName = "OrganizationUnavailable", Level = LogLevel.Warning, Message = "Organisation {OrganizationId}: organization-service could not be reached; answering without its details")]
    private static partial void LogUnavailable(ILogger logger, string organizationId, Exception exception);

    [LoggerMessage(EventId = 101, EventName = "OrganizationServiceError", Level = LogLevel.Warning, Message = "Organisation {OrganizationId}: organization-service answered {StatusCode}; answering without its details")]
    private static partial void LogAnswered(ILogger logger, string organizationId, int statusCode);

    [LoggerMessage(EventId = 102, EventName = "OrganizationCacheWriteFailed", Level = LogLevel.Debug, Message = "Organisation {OrganizationId}: could not cache its details")]
    private static partial void LogCacheWriteFailed(ILogger logger, string organizationId, Exception exception);
}
