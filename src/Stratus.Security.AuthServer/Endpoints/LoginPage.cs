using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using Stratus.Security.AuthServer.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>
/// The login form of the code flow: plain HTML, no script, an antiforgery token, and a session cookie on success that
/// sends the browser back to the authorization request it came from.
/// </summary>
internal static partial class LoginPage
{
    public static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Render(http, antiforgery, LocalOrRoot(returnUrl), error: null, StatusCodes.Status200OK);

    public static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, UserDirectory users, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.BadRequest("The login form must be posted as application/x-www-form-urlencoded.");
        }

        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Results.BadRequest("The login form's antiforgery token is missing or invalid; reload the page and try again.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var returnUrl = LocalOrRoot(form["ReturnUrl"]);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var user = username.Length is > 0 and <= 256 && password.Length is > 0 and <= 1024
            ? await users.VerifyAsync(username, password, http.RequestAborted).ConfigureAwait(false)
            : null;
        if (user is null)
        {
            Log.LoginFailed(loggers.CreateLogger(typeof(LoginPage).FullName!), Printable(username), http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Render(http, antiforgery, returnUrl, "Invalid user name or password.", StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(AuthServerSchemes.Session, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id).SetClaim(Claims.Name, user.Username);
        await http.SignInAsync(AuthServerSchemes.Session, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return Results.Redirect(returnUrl);
    }

    private static IResult Render(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p role=\"alert\">{html.Encode(error)}</p>";
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
            <body>
            <h1>Sign in</h1>
            {message}
            <form method="post" action="{html.Encode(http.Request.PathBase + AuthServerSchemes.LoginPath)}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="ReturnUrl" value="{html.Encode(returnUrl)}">
              <p><label>User name <input name="username" autocomplete="username" required></label></p>
              <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
              <p><button type="submit">Sign in</button></p>
            </form>
            </body></html>
            """;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Only a path on this server: an absolute or protocol-relative URL would make the form an open redirect.</summary>
    private static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>The user name as typed, cut short and without control characters, fit for a log line.</summary>
    private static string Printable(string username) =>
        new(username.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
