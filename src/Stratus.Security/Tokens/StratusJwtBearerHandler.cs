using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tokens;

/// <summary>
/// ASP.NET Core's bearer handler with what RFC 8725 and a busy service need around it: the token's size and shape are
/// checked before any parsing, a token that passed before is answered from <see cref="ValidatedTokenCache"/>, and a
/// token naming an unknown key gets one more try after a (rate-limited) fetch of the issuer's keys.
/// </summary>
internal sealed partial class StratusJwtBearerHandler(
    IOptionsMonitor<JwtBearerOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    JwtSchemeStates states) : JwtBearerHandler(options, loggers, encoder)
{
    private readonly ILogger _log = loggers.CreateLogger<StratusJwtBearerHandler>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (headers.Count > 1)
        {
            return Refuse(TokenFailure.TwoHeaders);
        }

        var token = BearerToken.From(headers[0]);
        if (token is null)
        {
            // Another scheme's credentials (Basic, ...): not ours to judge.
            return AuthenticateResult.NoResult();
        }

        if (token.Length > JwtBearerSetup.MaxTokenBytes)
        {
            return Refuse(TokenFailure.Oversized);
        }

        if (!BearerToken.IsCompactJws(token))
        {
            return Refuse(TokenFailure.NotCompactJws);
        }

        var state = states.Get(Scheme.Name);
        if (state.Cache.Find(token) is { } remembered)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(remembered, Scheme.Name));
        }

        var generation = state.Cache.Generation;
        try
        {
            await state.Keys.GetConfigurationAsync(Context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return Refuse(TokenFailure.KeysUnavailable);
        }

        var result = await base.HandleAuthenticateAsync().ConfigureAwait(false);
        if (result.Failure is SecurityTokenSignatureKeyNotFoundException
            && await state.Keys.RefreshForUnknownKeyAsync(Context.RequestAborted).ConfigureAwait(false))
        {
            result = await base.HandleAuthenticateAsync().ConfigureAwait(false);
        }

        if (result.Succeeded)
        {
            state.Cache.Remember(token, result.Principal!, generation);
            return result;
        }

        if (result.Failure is { } failure)
        {
            // The description is fixed here, where the token is at hand; the challenge only repeats it.
            return Refuse(TokenFailure.Describe(failure, token));
        }

        return result;
    }

    private AuthenticateResult Refuse(string description)
    {
        Log.TokenRefused(_log, Scheme.Name, description);
        return AuthenticateResult.Fail(new TokenRejectedException(description));
    }

    /// <summary>Validation block: event ids 3120-3139. Only the reason is logged, never the token.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3120, EventName = "BearerTokenRefused", Level = LogLevel.Debug,
            Message = "Bearer token refused by scheme {Scheme}: {Reason}")]
        public static partial void TokenRefused(ILogger logger, string scheme, string reason);
    }
}
