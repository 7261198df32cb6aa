using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OStock.OrganizationService.Data;
using OStock.Shared;

namespace OStock.OrganizationService.Organizations;

/// <summary>The book's <c>/v1/organization</c> resource.</summary>
internal static partial class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app, bool secured)
    {
        var group = app.MapGroup("/v1/organization");
        group.MapGet("/{organizationId}", GetAsync).RequireScopeWhen(secured, "organizations.read");
        group.MapPost("/", CreateAsync).RequireScopeWhen(secured, "organizations.write");
        group.MapPut("/{organizationId}", UpdateAsync).RequireScopeWhen(secured, "organizations.write");
        group.MapDelete("/{organizationId}", DeleteAsync).RequireScopeWhen(secured, "organizations.write");
    }

    private static async Task<IResult> GetAsync(string organizationId, OrganizationDbContext db, ILogger<Organization> logger, CancellationToken cancellationToken)
    {
        // One line per read, with the request's trace id (the book's services log their entry points the same way).
        LogReading(logger, organizationId);
        return await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken) is { } organization
            ? TypedResults.Ok(organization)
            : NotFound(organizationId);
    }

    [LoggerMessage(EventId = 300, EventName = "OrganizationRead", Level = LogLevel.Information, Message = "Reading organisation {OrganizationId}")]
    private static partial void LogReading(ILogger logger, string organizationId);

    private static async Task<IResult> CreateAsync(OrganizationBody? body, OrganizationDbContext db, OrganizationChanges changes, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.Problem("The body must be an organisation as JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var problems = OrganizationRules.Problems(body.Id, body.Name, body.ContactName, body.ContactEmail, body.ContactPhone);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var organization = new Organization { Id = body.Id ?? Guid.NewGuid().ToString() };
        Apply(organization, body);
        if (await db.Organizations.AnyAsync(o => o.Id == organization.Id, cancellationToken))
        {
            return TypedResults.Problem($"Organisation '{organization.Id}' exists already.", statusCode: StatusCodes.Status409Conflict);
        }

        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync("CREATED", organization.Id, cancellationToken);
        return TypedResults.Created($"/v1/organization/{Uri.EscapeDataString(organization.Id)}", organization);
    }

    private static async Task<IResult> UpdateAsync(string organizationId, OrganizationBody? body, OrganizationDbContext db, OrganizationChanges changes, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.Problem("The body must be an organisation as JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var problems = OrganizationRules.Problems(null, body.Name, body.ContactName, body.ContactEmail, body.ContactPhone);
        if (body.Id is not null && body.Id != organizationId)
        {
            problems["id"] = [$"id '{body.Id}' differs from the organisation in the path ('{organizationId}')"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        if (await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken) is not { } organization)
        {
            return NotFound(organizationId);
        }

        Apply(organization, body);
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync("UPDATED", organization.Id, cancellationToken);
        return TypedResults.Ok(organization);
    }

    private static async Task<IResult> DeleteAsync(string organizationId, OrganizationDbContext db, OrganizationChanges changes, CancellationToken cancellationToken)
    {
        if (await db.Organizations.Where(o => o.Id == organizationId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NotFound(organizationId);
        }

        await changes.PublishAsync("DELETED", organizationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Apply(Organization organization, OrganizationBody body)
    {
        organization.Name = body.Name!.Trim();
        organization.ContactName = body.ContactName!.Trim();
        organization.ContactEmail = body.ContactEmail!.Trim();
        organization.ContactPhone = body.ContactPhone;
    }

    private static ProblemHttpResult NotFound(string organizationId) =>
        TypedResults.Problem($"No organisation '{organizationId}'.", statusCode: StatusCodes.Status404NotFound);
}
