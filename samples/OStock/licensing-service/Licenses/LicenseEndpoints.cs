using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OStock.LicensingService.Data;
using OStock.LicensingService.Organizations;
using OStock.Shared;

namespace OStock.LicensingService.Licenses;

/// <summary>The book's <c>/v1/organization/{organizationId}/license</c> resource.</summary>
internal static partial class LicenseEndpoints
{
    /// <summary>Response header naming where the organisation details came from (the <c>organizationDetails</c> field's value).</summary>
    public const string DetailsHeader = "OStock-Organization-Details";

    public static void MapLicenseEndpoints(this IEndpointRouteBuilder app, bool secured)
    {
        var group = app.MapGroup("/v1/organization/{organizationId}/license");
        group.MapGet("/", ListAsync).RequireScopeWhen(secured, "licenses.read");
        group.MapGet("/{licenseId}", GetAsync).RequireScopeWhen(secured, "licenses.read");
        group.MapPost("/", CreateAsync).RequireScopeWhen(secured, "licenses.write");
        group.MapPut("/{licenseId}", UpdateAsync).RequireScopeWhen(secured, "licenses.write");
        group.MapDelete("/{licenseId}", DeleteAsync).RequireScopeWhen(secured, "licenses.write");
    }

    private static async Task<IResult> ListAsync(string organizationId, HttpContext http, LicensingDbContext db, OrganizationDirectory organizations, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!LicenseRules.IsValidId(organizationId))
        {
            return BadOrganizationId();
        }

        var licenses = await db.Licenses.AsNoTracking().Where(l => l.OrganizationId == organizationId).OrderBy(l => l.LicenseId).ToListAsync(cancellationToken);
        if (licenses.Count == 0)
        {
            return TypedResults.Ok(new List<LicenseView>());
        }

        var lookup = await organizations.FindAsync(organizationId, cancellationToken);
        http.Response.Headers[DetailsHeader] = lookup.Status;
        return TypedResults.Ok(licenses.Select(l => View(l, lookup, configuration)).ToList());
    }

    private static async Task<IResult> GetAsync(string organizationId, string licenseId, HttpContext http, LicensingDbContext db, OrganizationDirectory organizations, IConfiguration configuration, ILogger<License> logger, CancellationToken cancellationToken)
    {
        // One line per read, with the request's trace id (the book's services log their entry points the same way).
        LogReading(logger, licenseId, organizationId);
        if (!LicenseRules.IsValidId(organizationId))
        {
            return BadOrganizationId();
        }

        if (await FindAsync(db, organizationId, licenseId, tracked: false, cancellationToken) is not { } license)
        {
            return NotFound(organizationId, licenseId);
        }

        var lookup = await organizations.FindAsync(organizationId, cancellationToken);
        http.Response.Headers[DetailsHeader] = lookup.Status;
        return TypedResults.Ok(View(license, lookup, configuration));
    }

    private static async Task<IResult> CreateAsync(string organizationId, LicenseBody? body, LicensingDbContext db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.Problem("The body must be a licence as JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var problems = Problems(organizationId, body, body.LicenseId);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var license = new License { LicenseId = body.LicenseId ?? Guid.NewGuid().ToString(), OrganizationId = organizationId };
        if (await db.Licenses.AnyAsync(l => l.LicenseId == license.LicenseId, cancellationToken))
        {
            return TypedResults.Problem($"Licence '{license.LicenseId}' exists already.", statusCode: StatusCodes.Status409Conflict);
        }

        Apply(license, body);
        db.Licenses.Add(license);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/organization/{Uri.EscapeDataString(organizationId)}/license/{Uri.EscapeDataString(license.LicenseId)}", license);
    }

    private static async Task<IResult> UpdateAsync(string organizationId, string licenseId, LicenseBody? body, LicensingDbContext db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.Problem("The body must be a licence as JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var problems = Problems(organizationId, body, null);
        if (body.LicenseId is not null && body.LicenseId != licenseId)
        {
            problems["licenseId"] = [$"licenseId '{body.LicenseId}' differs from the licence in the path ('{licenseId}')"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        if (await FindAsync(db, organizationId, licenseId, tracked: true, cancellationToken) is not { } license)
        {
            return NotFound(organizationId, licenseId);
        }

        Apply(license, body);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(license);
    }

    private static async Task<IResult> DeleteAsync(string organizationId, string licenseId, LicensingDbContext db, CancellationToken cancellationToken) =>
        await db.Licenses.Where(l => l.OrganizationId == organizationId && l.LicenseId == licenseId).ExecuteDeleteAsync(cancellationToken) == 0
            ? NotFound(organizationId, licenseId)
            : TypedResults.NoContent();

    private static Dictionary<string, string[]> Problems(string organizationId, LicenseBody body, string? licenseId)
    {
        var problems = LicenseRules.Problems(licenseId, organizationId, body.Description, body.ProductName, body.LicenseType, body.Comment);
        if (body.OrganizationId is not null && body.OrganizationId != organizationId)
        {
            problems["organizationId"] = [$"organizationId '{body.OrganizationId}' differs from the organisation in the path ('{organizationId}')"];
        }

        return problems;
    }

    private static Task<License?> FindAsync(LicensingDbContext db, string organizationId, string licenseId, bool tracked, CancellationToken cancellationToken) =>
        (tracked ? db.Licenses : db.Licenses.AsNoTracking()).FirstOrDefaultAsync(l => l.OrganizationId == organizationId && l.LicenseId == licenseId, cancellationToken);

    private static void Apply(License license, LicenseBody body)
    {
        license.Description = body.Description;
        license.ProductName = body.ProductName!.Trim();
        license.LicenseType = body.LicenseType!.Trim();
        license.Comment = body.Comment;
    }

    /// <summary>
    /// As the book does, the comment comes from configuration (<c>example.property</c>) when it is set, so a change
    /// in the config repository shows on the next read after a refresh; the stored comment otherwise.
    /// </summary>
    private static LicenseView View(License license, OrganizationLookup lookup, IConfiguration configuration) =>
        new(license.LicenseId, license.OrganizationId, license.Description, license.ProductName, license.LicenseType,
            configuration["example:property"] ?? license.Comment,
            lookup.Details?.Name, lookup.Details?.ContactName, lookup.Details?.ContactPhone, lookup.Details?.ContactEmail, lookup.Status);

    private static ValidationProblem BadOrganizationId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organizationId"] = [$"organizationId must be 1-{LicenseRules.MaxIdLength} letters, digits, '-' or '_'"] });

    private static ProblemHttpResult NotFound(string organizationId, string licenseId) =>
        TypedResults.Problem($"No licence '{licenseId}' for organisation '{organizationId}'.", statusCode: StatusCodes.Status404NotFound);

    [LoggerMessage(EventId = 300, EventName = "LicenseRead", Level = LogLevel.Information, Message = "Reading licence {LicenseId} of organisation {OrganizationId}")]
    private static partial void LogReading(ILogger logger, string licenseId, string organizationId);
}
