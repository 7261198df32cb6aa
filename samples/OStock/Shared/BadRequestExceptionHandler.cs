using Microsoft.AspNetCore.Diagnostics;

namespace OStock.Shared;

/// <summary>
/// Turns a body or parameter the framework could not read (bad JSON, wrong type) into a 400 problem details that says
/// what was wrong, instead of minimal APIs' empty 400.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read.", Detail = detail },
            Exception = exception,
        });
    }

    /// <summary>Registers the handler and makes minimal APIs throw on unreadable input so it sees it.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
    }
}
