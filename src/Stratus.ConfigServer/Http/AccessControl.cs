using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Stratus.ConfigServer.Http;

/// <summary>
/// Decides who may read which application and who may use admin endpoints. Credentials are HTTP basic, compared in
/// fixed time. Without an admin user, admin endpoints answer only callers on loopback.
/// </summary>
internal sealed class AccessControl(IOptionsMonitor<ConfigServerOptions> options)
{
    public const string Realm = "Basic realm=\"stratus-config-server\"";

    /// <summary>Null when allowed; otherwise the status (401 or 403) and message to answer with.</summary>
    public (int Status, string Message)? CheckRead(HttpContext context, IEnumerable<string> applications)
    {
        var security = options.CurrentValue.Security;
        if (!security.ReadsRequireAuthentication)
        {
            return null;
        }

        if (!TryReadBasic(context, out var user, out var password))
        {
            return (StatusCodes.Status401Unauthorized, "Authentication required");
        }

        if (IsAdmin(security, user, password))
        {
            return null;
        }

        if (!security.Clients.TryGetValue(user, out var client) || !Matches(client.Password, password))
        {
            return (StatusCodes.Status401Unauthorized, "Bad credentials");
        }

        var allowed = client.Applications.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        foreach (var application in applications)
        {
            if (!allowed.Contains("*") && !allowed.Contains(application))
            {
                return (StatusCodes.Status403Forbidden, $"Client '{PathRules.Shown(user)}' may not read application '{application}'");
            }
        }

        return null;
    }

    public (int Status, string Message)? CheckAdmin(HttpContext context)
    {
        var security = options.CurrentValue.Security;
        if (string.IsNullOrEmpty(security.Username))
        {
            var remote = context.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? null
                : (StatusCodes.Status403Forbidden, "This endpoint answers only on loopback until Stratus:ConfigServer:Security:Username and Password are set");
        }

        if (!TryReadBasic(context, out var user, out var password))
        {
            return (StatusCodes.Status401Unauthorized, "Authentication required");
        }

        return IsAdmin(security, user, password) ? null : (StatusCodes.Status401Unauthorized, "Bad credentials");
    }

    private static bool IsAdmin(ConfigServerSecurityOptions security, string user, string password) =>
        !string.IsNullOrEmpty(security.Username) && Matches(security.Username, user) && Matches(security.Password, password);

    private static bool Matches(string? expected, string actual) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));

    private static bool TryReadBasic(HttpContext context, out string user, out string password)
    {
        user = password = string.Empty;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[header.Length];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(decoded[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
